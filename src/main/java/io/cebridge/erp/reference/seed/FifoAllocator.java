package io.cebridge.erp.reference.seed;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies each customer's payments to that customer's invoices oldest-first (FIFO), the usual rule when a receipt
 * names no invoice, as Classic Models payments do (they carry only customer, cheque number, date and amount).
 *
 * <p>The rule: payments are taken in payment-date order (then payment number); each pays off the open invoice with the
 * earliest invoice date (then invoice number) before touching the next one, splitting across invoices as needed.
 * Invoice dates do not restrict the matching, so an early payment may settle a later invoice; the allocation is then
 * dated on the later of the two dates, since it cannot be booked before both documents exist. Money left after all
 * of the customer's invoices are paid stays on the payment as unapplied cash.
 */
final class FifoAllocator {

  /** An invoice to be paid. */
  record Receivable(String invoiceNo, long customerNo, LocalDate invoiceDate, BigDecimal amount) {
  }

  /** A payment received. */
  record Receipt(String paymentNo, long customerNo, LocalDate paymentDate, BigDecimal amount) {
  }

  /** Part of a payment applied to one invoice. */
  record Allocation(String paymentNo, String invoiceNo, BigDecimal amount, LocalDate allocationDate) {
  }

  /** Allocations made, what stays open on every invoice, and what stays unapplied on every payment. */
  record Result(List<Allocation> allocations, Map<String, BigDecimal> openByInvoice,
      Map<String, BigDecimal> unappliedByPayment) {
  }

  private FifoAllocator() {
  }

  static Result allocate(List<Receivable> invoices, List<Receipt> receipts) {
    Map<Long, List<Receivable>> invoicesByCustomer = new TreeMap<>();
    invoices.stream()
        .sorted(Comparator.comparing(Receivable::invoiceDate).thenComparing(Receivable::invoiceNo))
        .forEach(i -> invoicesByCustomer.computeIfAbsent(i.customerNo(), k -> new ArrayList<>()).add(i));
    Map<String, BigDecimal> open = new LinkedHashMap<>();
    invoices.forEach(i -> open.put(i.invoiceNo(), i.amount()));

    List<Allocation> allocations = new ArrayList<>();
    Map<String, BigDecimal> unapplied = new LinkedHashMap<>();
    Map<Long, Integer> nextInvoice = new TreeMap<>();
    List<Receipt> ordered = receipts.stream()
        .sorted(Comparator.comparing(Receipt::paymentDate).thenComparing(Receipt::paymentNo))
        .toList();
    for (Receipt receipt : ordered) {
      List<Receivable> queue = invoicesByCustomer.getOrDefault(receipt.customerNo(), List.of());
      int index = nextInvoice.getOrDefault(receipt.customerNo(), 0);
      BigDecimal remaining = receipt.amount();
      while (remaining.signum() > 0 && index < queue.size()) {
        Receivable invoice = queue.get(index);
        BigDecimal applied = remaining.min(open.get(invoice.invoiceNo()));
        if (applied.signum() > 0) {
          LocalDate date = receipt.paymentDate().isAfter(invoice.invoiceDate())
              ? receipt.paymentDate() : invoice.invoiceDate();
          allocations.add(new Allocation(receipt.paymentNo(), invoice.invoiceNo(), applied, date));
          open.merge(invoice.invoiceNo(), applied.negate(), BigDecimal::add);
          remaining = remaining.subtract(applied);
        }
        if (open.get(invoice.invoiceNo()).signum() <= 0) {  // paid, or a zero/credit document nothing can pay
          index++;
        }
      }
      nextInvoice.put(receipt.customerNo(), index);
      unapplied.put(receipt.paymentNo(), remaining);
    }
    return new Result(allocations, open, unapplied);
  }
}
