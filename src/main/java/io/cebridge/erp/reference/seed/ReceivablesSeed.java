package io.cebridge.erp.reference.seed;

import io.cebridge.erp.reference.ErpTables;
import io.cebridge.erp.reference.seed.FifoAllocator.Allocation;
import io.cebridge.erp.reference.seed.FifoAllocator.Receipt;
import io.cebridge.erp.reference.seed.FifoAllocator.Receivable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the receivables side: an invoice for every order that left the warehouse, the Classic Models payments applied
 * to them oldest-first (see {@link FifoAllocator}), and an AR open item for every invoice not fully paid.
 */
final class ReceivablesSeed {

  static final String PAYMENTS_FILE = "classicmodels-payments.csv";
  // Classic Models customers pay by cheque; the cheque number is the payment's bank reference.
  static final String PAYMENT_METHOD = "CHEQUE";

  final TableRows invoices = new TableRows(ErpTables.INVOICE,
      "invoice_no", "customer_no", "order_no", "invoice_date", "due_date", "currency", "net_amount", "tax_amount",
      "total_amount", "status");
  final TableRows invoiceLines = new TableRows(ErpTables.INVOICE_LINE,
      "invoice_no", "line_no", "order_no", "order_line_no", "product_code", "quantity", "uom", "unit_price",
      "line_amount");
  final TableRows openItems = new TableRows(ErpTables.AR_OPEN_ITEM,
      "invoice_no", "customer_no", "document_date", "due_date", "currency", "original_amount", "open_amount");
  final TableRows payments = new TableRows(ErpTables.PAYMENT,
      "payment_no", "customer_no", "payment_date", "currency", "amount", "payment_method", "reference",
      "unapplied_amount");
  final TableRows allocations = new TableRows(ErpTables.PAYMENT_ALLOCATION,
      "payment_no", "invoice_no", "allocated_amount", "allocation_date");

  /**
   * An order is invoiced when it has a shipped date, on that date, due after the customer's payment terms; orders
   * cancelled after shipping (two in the source) are not billed.
   */
  static boolean invoiced(ClassicOrder order) {
    return order.shippedDate() != null && !"CANCELLED".equals(order.erpStatus());
  }

  static String invoiceNo(ClassicOrder order) {
    return "INV-" + order.orderNumber();
  }

  ReceivablesSeed build(List<ClassicOrder> orders, Map<Integer, CustomerRef> customers) {
    List<Receivable> receivables = new ArrayList<>();
    for (ClassicOrder order : orders) {
      if (invoiced(order)) {
        receivables.add(new Receivable(invoiceNo(order), OrderSeed.customer(customers, order).customerNo(),
            order.shippedDate(), order.total()));
      }
    }
    List<ClassicPayment> sourcePayments = new ArrayList<>();
    List<CsvRow> paymentRows = CsvFile.read(PAYMENTS_FILE);
    for (int i = 0; i < paymentRows.size(); i++) {
      CsvRow row = paymentRows.get(i);
      CustomerRef customer = customers.get(row.integer("customer_number"));
      if (customer == null) {
        throw new IllegalStateException("payment " + row.text("check_number") + " names an unknown customer");
      }
      // The ERP numbers receipts itself; the file is sorted by date, customer and cheque, so numbers follow time.
      Receipt receipt = new Receipt(String.format("RC-%06d", i + 1), customer.customerNo(),
          row.date("payment_date"), row.decimal("amount"));
      sourcePayments.add(new ClassicPayment(receipt, row.required("check_number"), customer.currency()));
    }
    List<Receipt> receipts = sourcePayments.stream().map(ClassicPayment::receipt).toList();
    FifoAllocator.Result result = FifoAllocator.allocate(receivables, receipts);

    for (ClassicOrder order : orders) {
      if (invoiced(order)) {
        addInvoice(order, OrderSeed.customer(customers, order), result.openByInvoice().get(invoiceNo(order)));
      }
    }
    for (ClassicPayment payment : sourcePayments) {
      Receipt receipt = payment.receipt();
      payments.add(receipt.paymentNo(), receipt.customerNo(), receipt.paymentDate(), payment.currency(),
          receipt.amount(), PAYMENT_METHOD, payment.checkNumber(),
          result.unappliedByPayment().get(receipt.paymentNo()));
    }
    for (Allocation allocation : result.allocations()) {
      allocations.add(allocation.paymentNo(), allocation.invoiceNo(), allocation.amount(),
          allocation.allocationDate());
    }
    return this;
  }

  private void addInvoice(ClassicOrder order, CustomerRef customer, BigDecimal open) {
    String invoiceNo = invoiceNo(order);
    LocalDate invoiceDate = order.shippedDate();
    LocalDate dueDate = invoiceDate.plusDays(customer.paymentTermsDays());
    BigDecimal total = order.total();
    // Classic Models prices carry no sales tax, so net equals total.
    invoices.add(invoiceNo, customer.customerNo(), order.orderNo(), invoiceDate, dueDate, customer.currency(),
        total, BigDecimal.ZERO.setScale(2), total, status(total, open));
    for (ClassicOrderLine line : order.lines()) {
      invoiceLines.add(invoiceNo, line.lineNo(), order.orderNo(), line.lineNo(), line.productCode(),
          line.quantity(), CatalogSeed.UOM, line.unitPrice(), line.amount());
    }
    if (open.signum() > 0) {
      openItems.add(invoiceNo, customer.customerNo(), invoiceDate, dueDate, customer.currency(), total, open);
    }
  }

  private static String status(BigDecimal total, BigDecimal open) {
    if (open.signum() <= 0) {
      return "PAID";
    }
    return open.compareTo(total) < 0 ? "PARTIALLY_PAID" : "OPEN";
  }

  /** A Classic Models cheque as an ERP receipt. */
  private record ClassicPayment(Receipt receipt, String checkNumber, String currency) {
  }
}
