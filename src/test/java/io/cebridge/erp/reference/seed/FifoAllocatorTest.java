package io.cebridge.erp.reference.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.erp.reference.seed.FifoAllocator.Allocation;
import io.cebridge.erp.reference.seed.FifoAllocator.Receipt;
import io.cebridge.erp.reference.seed.FifoAllocator.Receivable;
import io.cebridge.erp.reference.seed.FifoAllocator.Result;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class FifoAllocatorTest {

  private static final LocalDate JAN_1 = LocalDate.of(2004, 1, 1);

  private static Receivable invoice(String no, long customer, int day, String amount) {
    return new Receivable(no, customer, JAN_1.plusDays(day), new BigDecimal(amount));
  }

  private static Receipt payment(String no, long customer, int day, String amount) {
    return new Receipt(no, customer, JAN_1.plusDays(day), new BigDecimal(amount));
  }

  @Test
  void paysOldestInvoiceFirstAndSplitsAcrossInvoices() {
    Result result = FifoAllocator.allocate(
        List.of(invoice("INV-2", 1, 10, "50.00"), invoice("INV-1", 1, 5, "100.00"), invoice("INV-3", 1, 20, "30.00")),
        List.of(payment("RC-1", 1, 12, "120.00")));

    assertThat(result.allocations()).containsExactly(
        new Allocation("RC-1", "INV-1", new BigDecimal("100.00"), JAN_1.plusDays(12)),
        new Allocation("RC-1", "INV-2", new BigDecimal("20.00"), JAN_1.plusDays(12)));
    assertThat(result.openByInvoice().get("INV-1")).isEqualByComparingTo("0");
    assertThat(result.openByInvoice().get("INV-2")).isEqualByComparingTo("30.00");
    assertThat(result.openByInvoice().get("INV-3")).isEqualByComparingTo("30.00");
    assertThat(result.unappliedByPayment().get("RC-1")).isEqualByComparingTo("0");
  }

  @Test
  void appliesPaymentsInDateOrderAndKeepsCustomersApart() {
    Result result = FifoAllocator.allocate(
        List.of(invoice("INV-A", 1, 0, "10.00"), invoice("INV-B", 2, 0, "10.00")),
        List.of(payment("RC-2", 1, 9, "10.00"), payment("RC-1", 1, 3, "4.00")));

    assertThat(result.allocations()).extracting(Allocation::paymentNo, Allocation::invoiceNo, Allocation::amount)
        .containsExactly(
            Tuple.tuple("RC-1", "INV-A", new BigDecimal("4.00")),
            Tuple.tuple("RC-2", "INV-A", new BigDecimal("6.00")));
    assertThat(result.unappliedByPayment().get("RC-2")).isEqualByComparingTo("4.00");
    assertThat(result.openByInvoice().get("INV-B")).isEqualByComparingTo("10.00");
  }

  @Test
  void datesAnAllocationNoEarlierThanItsInvoice() {
    Result result = FifoAllocator.allocate(List.of(invoice("INV-1", 1, 30, "5.00")),
        List.of(payment("RC-1", 1, 1, "5.00")));

    assertThat(result.allocations()).singleElement()
        .satisfies(a -> assertThat(a.allocationDate()).isEqualTo(JAN_1.plusDays(30)));
  }

  @Test
  void paymentWithoutInvoicesStaysUnapplied() {
    Result result = FifoAllocator.allocate(List.of(), List.of(payment("RC-1", 7, 1, "99.99")));

    assertThat(result.allocations()).isEmpty();
    assertThat(result.unappliedByPayment().get("RC-1")).isEqualByComparingTo("99.99");
  }
}
