package io.cebridge.flow.financialsummary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.erp.reference.ReferenceErpInstaller;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shipped summary.sql on an in-memory reference ERP: parameter expansion, bucket edges, credit, currencies. */
class FinancialSummaryQueryTest {
    private static final LocalDate AS_OF = LocalDate.of(2024, 3, 15);
    private JdbcDataSource ds;
    private FinancialSummaryQuery query;

    @BeforeEach
    void setUp() throws Exception {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:summary-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new ReferenceErpInstaller(ds).install(false);
        query = FinancialSummaryQuery.fromFile(ds, Path.of("mappings/financial-summary/summary.sql"));
        exec("INSERT INTO erp_customer (customer_no, name, currency, credit_limit) VALUES (1, 'Edge Co', 'USD', 1000.00)");
        exec("INSERT INTO erp_customer (customer_no, name, currency) VALUES (2, 'No Limit Co', 'EUR')");
        exec("INSERT INTO erp_customer (customer_no, name, currency, credit_limit) VALUES (3, 'Mixed Co', 'CNY', 5.00)");
    }

    @Test
    void namedParametersExpandPerOccurrenceAndLeaveLiteralsCastsAndCommentsAlone() {
        io.cebridge.connector.erp.jdbc.NamedSql sql = new io.cebridge.connector.erp.jdbc.NamedSql("-- :notAParameter here\nSELECT x::numeric, ':asOf' FROM t\n"
                + "WHERE a IN (:customerNos) AND d <= :asOf AND b IN (:customerNos)");
        assertThat(sql.names()).containsExactly("customerNos", "asOf", "customerNos");
        assertThat(sql.jdbc("customerNos", 3)).isEqualTo("SELECT x::numeric, ':asOf' FROM t\nWHERE a IN (?,?,?) AND d <= ? AND b IN (?,?,?)");
        assertThat(sql.jdbc("customerNos", 1)).endsWith("a IN (?) AND d <= ? AND b IN (?)");
    }

    @Test
    void unknownParameterNamesAreRefusedUpFront() {
        assertThatThrownBy(() -> new FinancialSummaryQuery(ds, "SELECT 1 FROM t WHERE a IN (:customerNos) AND d < :asof"))
                .hasMessageContaining(":asof");
    }

    @Test
    void arAgesIntoBucketsByDaysPastDueWithExactEdges() throws Exception {
        // days past due -> amount; each amount a power of two so a misplaced item shows in the sums
        int[][] items = {{-1, 1}, {0, 2}, {1, 4}, {30, 8}, {31, 16}, {60, 32}, {61, 64}, {90, 128}, {91, 256}};
        for (int[] item : items) {
            openItem("AR-" + item[0], 1, AS_OF.minusDays(item[0]), item[1] + ".00");
        }
        Map<String, Object> s = query.compute(List.of("1"), AS_OF).get("1");
        assertThat(s).containsEntry("arNotDue", new BigDecimal("3.00"))   // due tomorrow + due today
                .containsEntry("ar1To30", new BigDecimal("12.00"))            // 1 and 30 days
                .containsEntry("ar31To60", new BigDecimal("48.00"))           // 31 and 60
                .containsEntry("ar61To90", new BigDecimal("192.00"))          // 61 and 90
                .containsEntry("arOver90", new BigDecimal("256.00"));         // 91
    }

    @Test
    void salesCountNonCancelledInvoicesFromYearAndMonthStartThroughAsOf() throws Exception {
        invoice("I-1", 1, "2023-12-31", "100.00", "PAID");      // last year
        invoice("I-2", 1, "2024-01-01", "10.10", "PAID");       // first day of the year
        invoice("I-3", 1, "2024-02-29", "20.20", "OPEN");
        invoice("I-4", 1, "2024-03-01", "30.30", "PARTIALLY_PAID"); // first day of the month
        invoice("I-5", 1, "2024-03-15", "40.40", "OPEN");       // as-of day itself
        invoice("I-6", 1, "2024-03-16", "1000.00", "OPEN");     // after as-of
        invoice("I-7", 1, "2024-03-10", "5000.00", "CANCELLED");
        Map<String, Object> s = query.compute(List.of("1"), AS_OF).get("1");
        assertThat(s).containsEntry("ytdSales", new BigDecimal("101.00")).containsEntry("mtdSales", new BigDecimal("70.70"));
    }

    @Test
    void creditUsedIsOpenArPlusOpenUninvoicedOrdersAndAvailableMayGoNegative() throws Exception {
        openItem("AR-1", 1, AS_OF.minusDays(45), "300.25");
        order("SO-1", 1, "IN_PROCESS", "500.00");
        order("SO-2", 1, "ON_HOLD", "250.55");
        order("SO-3", 1, "CANCELLED", "9000.00");
        order("SO-4", 1, "SHIPPED", "7000.00");
        invoiceForOrder("INV-SO-4", 1, "SO-4", "7000.00", "PAID");
        order("SO-5", 1, "SHIPPED", "11.11");                    // its only invoice was cancelled: still open
        invoiceForOrder("INV-SO-5", 1, "SO-5", "11.11", "CANCELLED");
        Map<String, Map<String, Object>> all = query.compute(List.of("1", "2", "424242"), AS_OF);

        assertThat(all).containsOnlyKeys("1", "2");
        assertThat(all.get("1")).containsEntry("creditLimit", new BigDecimal("1000.00"))
                .containsEntry("creditUsed", new BigDecimal("1061.91"))
                .containsEntry("creditAvailable", new BigDecimal("-61.91"))
                .containsEntry("currency", "USD").containsEntry("asOf", "2024-03-15");
        assertThat(all.get("2")).containsEntry("creditLimit", null).containsEntry("creditAvailable", null)
                .containsEntry("creditUsed", new BigDecimal("0.00")).containsEntry("ytdSales", new BigDecimal("0.00"))
                .containsEntry("currency", "EUR");
        assertThat(all.get("2").values()).noneMatch(v -> v instanceof Double || v instanceof Float);
    }

    @Test
    void aDocumentInAnotherCurrencyIsAnErrorNotASilentMix() throws Exception {
        exec("INSERT INTO erp_invoice (invoice_no, customer_no, invoice_date, due_date, currency, net_amount,"
                + " total_amount) VALUES ('USD-1', 3, DATE '2024-03-01', DATE '2024-03-31', 'USD', 10.00, 10.00)");
        assertThat(query.compute(List.of("3", "1"), AS_OF).get("3").get(FinancialSummaryQuery.ERROR)).asString()
                .contains("customer 3").contains("currency");
        assertThat(query.compute(List.of("3", "1"), AS_OF).get("1")).containsKey("ytdSales"); // the others still come
    }

    @Test
    void moreThanOneChunkOfCustomersIsAnswered() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1203; i++) {
            ids.add(Integer.toString(1000 + i));
        }
        ids.add(700, "2");
        ids.add("1");
        assertThat(query.compute(ids, AS_OF)).containsOnlyKeys("1", "2");
    }

    @Test
    void moreDecimalsFromTheSqlAreRoundedHalfUp() throws Exception {
        String sql = "SELECT c.customer_no, c.currency, CAST(12.345 AS DECIMAL(10,3)) AS credit_limit,"
                + " CAST(0.005 AS DECIMAL(10,3)) AS ytd_sales, CAST(0.004 AS DECIMAL(10,3)) AS mtd_sales, 0 AS ar_not_due,"
                + " 0 AS ar_1_30, 0 AS ar_31_60, 0 AS ar_61_90, 0 AS ar_over_90, 0 AS open_orders,"
                + " 0 AS other_currency_documents FROM erp_customer c WHERE c.customer_no IN (:customerNos)";
        Map<String, Object> s = new FinancialSummaryQuery(ds, sql).compute(List.of("1"), AS_OF).get("1");
        assertThat(s).containsEntry("ytdSales", new BigDecimal("0.01")).containsEntry("mtdSales", new BigDecimal("0.00"))
                .containsEntry("creditLimit", new BigDecimal("12.35"));
    }

    private void openItem(String invoiceNo, long customer, LocalDate due, String amount) throws Exception {
        exec("INSERT INTO erp_invoice (invoice_no, customer_no, invoice_date, due_date, currency, net_amount,"
                + " total_amount, status) VALUES ('" + invoiceNo + "', " + customer + ", DATE '2023-06-01', DATE '" + due
                + "', 'USD', " + amount + ", " + amount + ", 'OPEN')");
        exec("INSERT INTO erp_ar_open_item (invoice_no, customer_no, document_date, due_date, currency, original_amount,"
                + " open_amount) VALUES ('" + invoiceNo + "', " + customer + ", DATE '2023-06-01', DATE '" + due
                + "', 'USD', " + amount + ", " + amount + ")");
    }

    private void invoice(String no, long customer, String date, String total, String status) throws Exception {
        exec("INSERT INTO erp_invoice (invoice_no, customer_no, invoice_date, due_date, currency, net_amount,"
                + " total_amount, status) VALUES ('" + no + "', " + customer + ", DATE '" + date + "', DATE '" + date
                + "', 'USD', " + total + ", " + total + ", '" + status + "')");
    }

    private void invoiceForOrder(String no, long customer, String orderNo, String total, String status) throws Exception {
        exec("INSERT INTO erp_invoice (invoice_no, customer_no, order_no, invoice_date, due_date, currency, net_amount,"
                + " total_amount, status) VALUES ('" + no + "', " + customer + ", '" + orderNo + "', DATE '2023-01-10',"
                + " DATE '2023-02-10', 'USD', " + total + ", " + total + ", '" + status + "')");
    }

    private void order(String no, long customer, String status, String total) throws Exception {
        exec("INSERT INTO erp_sales_order (order_no, customer_no, order_date, status, currency, total_amount) VALUES ('"
                + no + "', " + customer + ", DATE '2024-03-01', '" + status + "', 'USD', " + total + ")");
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
