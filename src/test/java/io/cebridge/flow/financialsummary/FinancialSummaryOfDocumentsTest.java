package io.cebridge.flow.financialsummary;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary of a customer's documents follows summary.sql's rules: bucket boundaries, cancelled, orders, currency. */
class FinancialSummaryOfDocumentsTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 31);

    private static Map<String, Object> item(String due, String amount, String writtenOff) {
        Map<String, Object> m = new HashMap<>();
        m.put("dueDate", due);
        m.put("amount", new BigDecimal(amount));
        m.put("writtenOff", new BigDecimal(writtenOff));
        m.put("status", "OPEN");
        m.put("currency", "CNY");
        return m;
    }

    private static Map<String, Object> invoice(String date, String net, String status) {
        return Map.of("invoiceDate", date, "netAmount", new BigDecimal(net), "status", status, "currency", "CNY");
    }

    private static Map<String, Object> customer(List<Map<String, Object>> invoices, List<Map<String, Object>> items,
                                                List<Map<String, Object>> lines, List<Map<String, Object>> orders) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("customerNo", "C1");
        c.put("currency", "CNY");
        c.put("creditLimit", new BigDecimal("1000"));
        c.put("invoices", invoices);
        c.put("openItems", items);
        c.put("invoicedLines", lines);
        c.put("orders", orders);
        return c;
    }

    // Guards: an item one day on either side of a bucket boundary aged into the wrong bucket.
    @Test
    void itemsAreAgedByDaysPastDueAtTheBoundariesOfSummarySql() {
        Map<String, Object> s = FinancialSummaryOfDocuments.compute(customer(List.of(), List.of(
                item("2026-03-31", "1.00", "0"),      // due today: not due
                item("2026-03-30", "2.00", "0"),      // 1 day
                item("2026-03-01", "4.00", "0"),      // 30 days
                item("2026-02-28", "8.00", "0"),      // 31 days
                item("2026-01-30", "16.00", "0"),     // 60 days
                item("2026-01-29", "32.00", "0"),     // 61 days
                item("2025-12-31", "64.00", "0"),     // 90 days
                item("2025-12-30", "128.00", "0"),    // 91 days
                item("2025-01-01", "256.00", "256.00"), // written off: not open
                item("2026-04-30", "0.015", "0.010")), // 0.005 open, not due
                List.of(), List.of()), AS_OF);
        assertThat(s.get("arNotDue")).isEqualTo(new BigDecimal("1.01"));
        assertThat(s.get("ar1To30")).isEqualTo(new BigDecimal("6.00"));
        assertThat(s.get("ar31To60")).isEqualTo(new BigDecimal("24.00"));
        assertThat(s.get("ar61To90")).isEqualTo(new BigDecimal("96.00"));
        assertThat(s.get("arOver90")).isEqualTo(new BigDecimal("128.00"));
        assertThat(s.get("creditUsed")).isEqualTo(new BigDecimal("255.01"));
        assertThat(s.get("creditAvailable")).isEqualTo(new BigDecimal("744.99"));
        assertThat(s.get("creditLimit")).isEqualTo(new BigDecimal("1000.00"));
        assertThat(s.get("asOf")).isEqualTo("2026-03-31");
    }

    // Guards: cancelled invoices, last year's or tomorrow's counted in sales; an order invoiced in part counted whole.
    @Test
    void salesCountThisYearsInvoicesNotCancelledAndOrdersTheirRemainder() {
        Map<String, Object> s = FinancialSummaryOfDocuments.compute(customer(List.of(
                invoice("2025-12-31", "1000.00", "OPEN"),
                invoice("2026-01-01", "10.00", "PAID"),
                invoice("2026-03-01", "20.00", "OPEN"),
                invoice("2026-03-31", "40.00", "OPEN"),
                invoice("2026-03-15", "500.00", "CANCELLED"),
                invoice("2026-04-01", "80.00", "OPEN")), List.of(),
                List.of(Map.of("orderNo", "SO1", "netAmount", new BigDecimal("30.00"), "status", "OPEN"),
                        Map.of("orderNo", "SO1", "netAmount", new BigDecimal("500.00"), "status", "CANCELLED"),
                        Map.of("orderNo", "SO2", "netAmount", new BigDecimal("70.00"), "status", "OPEN")),
                List.of(Map.of("orderNo", "SO1", "netAmount", new BigDecimal("100.00"), "status", "OPEN",
                                "currency", "CNY"),
                        Map.of("orderNo", "SO2", "netAmount", new BigDecimal("60.00"), "status", "OPEN",
                                "currency", "USD"), // over-invoiced: counts nothing, its currency neither
                        Map.of("orderNo", "SO3", "netAmount", new BigDecimal("9.00"), "status", "CANCELLED",
                                "currency", "CNY"))), AS_OF);
        assertThat(s.get("ytdSales")).isEqualTo(new BigDecimal("70.00"));
        assertThat(s.get("mtdSales")).isEqualTo(new BigDecimal("60.00"));
        assertThat(s.get("creditUsed")).isEqualTo(new BigDecimal("70.00"));
        assertThat(s).doesNotContainKey(FinancialSummaryQuery.ERROR);
    }

    // Guards: amounts in two currencies added up silently.
    @Test
    void aDocumentInAnotherCurrencyRefusesTheCustomerNamingIt() {
        Map<String, Object> usd = new HashMap<>(item("2026-03-31", "5.00", "0"));
        usd.put("currency", "USD");
        Map<String, Object> s = FinancialSummaryOfDocuments.compute(customer(List.of(), List.of(usd), List.of(),
                List.of()), AS_OF);
        assertThat(s).containsOnlyKeys("customerNo", FinancialSummaryQuery.ERROR);
        assertThat(s.get(FinancialSummaryQuery.ERROR).toString()).contains("customer C1 has 1 document(s) in a currency"
                + " other than the customer's currency CNY");
    }

    // Guards: a customer without a credit limit shown as having none available (0) instead of no limit.
    @Test
    void noLimitLeavesLimitAndAvailableEmpty() {
        Map<String, Object> c = customer(List.of(), List.of(), List.of(), List.of());
        c.remove("creditLimit");
        Map<String, Object> s = FinancialSummaryOfDocuments.compute(c, AS_OF);
        assertThat(s.get("creditLimit")).isNull();
        assertThat(s.get("creditAvailable")).isNull();
        assertThat(s.get("creditUsed")).isEqualTo(new BigDecimal("0.00"));
        assertThat(s.get("ytdSales")).isEqualTo(new BigDecimal("0.00"));
    }
}
