package io.cebridge.connector.erp.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.it.TestErp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: an ERP document written in part (a header without its lines), twice after an answer lost past the commit,
 * changed after the ERP moved on, or created by a cancellation; on the reference ERP in H2.
 */
class JdbcDocumentWriterTest {
    @TempDir
    Path tmp;
    private TestErp erp;
    private JdbcDocumentWriter writer;
    private long customer;

    @BeforeEach
    void setUp() throws Exception {
        erp = TestErp.create(TestErp.Kind.H2, tmp, true);
        customer = erp.scalar("SELECT MIN(customer_no) FROM erp_customer");
        JdbcUpsertWriter header = new JdbcUpsertWriter(erp.dataSource(), "erp_sales_order", "crm_quote_id", "updated_at",
                List.of("crm_quote_id", "customer_no", "status", "currency", "total_amount", "order_source"));
        JdbcUpsertWriter lines = new JdbcUpsertWriter(erp.dataSource(), "erp_sales_order_line", "crm_line_id",
                "updated_at", List.of("crm_line_id", "line_no", "product_code", "quantity", "unit_price", "line_amount",
                "order_no"));
        writer = new JdbcDocumentWriter(header, "order_no", lines, "order_no", "status", Set.of("OPEN"),
                new JdbcDocumentWriter.NeverCreate("status", Set.of("CANCELLED")));
    }

    @AfterEach
    void tearDown() throws Exception {
        erp.close();
    }

    private Map<String, Object> header(String quote, String status, String total) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("crm_quote_id", quote);
        h.put("customer_no", customer);
        h.put("status", status);
        h.put("currency", "USD");
        h.put("total_amount", total);
        h.put("order_source", "CRM");
        return h;
    }

    private static Map<String, Object> line(String id, int no, String product, String qty, String amount) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("crm_line_id", id);
        l.put("line_no", no);
        l.put("product_code", product);
        l.put("quantity", qty);
        l.put("unit_price", "10");
        l.put("line_amount", amount);
        return l;
    }

    /**
     * The writer of setUp on {@code ds} with a guard: a customer's CRM orders may not sum above 100 (a rule across
     * documents).
     */
    private JdbcDocumentWriter guarded(javax.sql.DataSource ds) {
        String lock = "SELECT customer_no FROM erp_customer WHERE customer_no = :customer_no FOR UPDATE";
        String check = "-- orders of the customer above the limit\nSELECT customer_no, SUM(total_amount) AS open_total"
                + " FROM erp_sales_order WHERE customer_no = :customer_no AND order_source = 'CRM' GROUP BY customer_no"
                + " HAVING SUM(total_amount) > 100";
        JdbcUpsertWriter header = new JdbcUpsertWriter(ds, "erp_sales_order", "crm_quote_id", "updated_at",
                writer.header().columns());
        JdbcUpsertWriter lines = new JdbcUpsertWriter(ds, "erp_sales_order_line", "crm_line_id", "updated_at",
                writer.lines().columns());
        return new JdbcDocumentWriter(header, "order_no", lines, "order_no", "status", Set.of("OPEN"), null,
                new JdbcDocumentWriter.Guard(new ErpQuery(ds, "lock.sql", lock), new ErpQuery(ds, "limit.sql", check)));
    }

    @Test
    void aDocumentItsGuardCheckRefusesIsRolledBackWhole() throws Exception {
        JdbcDocumentWriter guarded = guarded(erp.dataSource());
        assertThat(guarded.write(header("G1", "OPEN", "60"), List.of(line("G1-1", 1, "S10_1678", "6", "60"))).kind())
                .isEqualTo(JdbcDocumentWriter.Kind.CREATED);
        JdbcDocumentWriter.Result second = guarded.write(header("G2", "OPEN", "60"), List.of(line("G2-1", 1, "S10_1678",
                "6", "60")));
        assertThat(second.kind()).isEqualTo(JdbcDocumentWriter.Kind.CHECK_FAILED);
        assertThat(second.reason()).contains("limit.sql").contains("openTotal 120");
        assertThat(erp.scalar("SELECT COUNT(*) FROM erp_sales_order WHERE crm_quote_id = 'G2'")).isZero();
        assertThat(erp.scalar("SELECT COUNT(*) FROM erp_sales_order_line WHERE crm_line_id = 'G2-1'")).isZero();
    }

    @Test
    void documentsWrittenAtTheSameTimeAreCheckedOneAfterTheOtherUnderTheGuardsLock() throws Exception {
        int writers = 6;
        // a connection per writer, so their transactions overlap
        com.zaxxer.hikari.HikariDataSource ds = io.cebridge.store.Pools.open("it-guard", erp.url, "",
                new io.cebridge.config.Secret(""), writers);
        JdbcDocumentWriter guarded = guarded(ds);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(writers);
        List<java.util.concurrent.Future<JdbcDocumentWriter.Result>> results = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                String q = "C" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return guarded.write(header(q, "OPEN", "40"), List.of(line(q + "-1", 1, "S10_1678", "4", "40")));
                }));
            }
            long created = 0;
            for (var f : results) {
                created += f.get().kind() == JdbcDocumentWriter.Kind.CREATED ? 1 : 0;
            }
            assertThat(created).as("40 + 40 fit under 100, a third does not").isEqualTo(2);
        } finally {
            pool.shutdownNow();
            ds.close();
        }
        assertThat(erp.scalar("SELECT SUM(total_amount) FROM erp_sales_order WHERE customer_no = " + customer
                + " AND order_source = 'CRM'")).isEqualTo(80);
    }

    @Test
    void aDocumentIsCreatedOnceAndWrittenAgainChangesNothing() throws Exception {
        List<Map<String, Object>> lines = List.of(line("L1", 1, "S10_1678", "1", "10"), line("L2", 2, "S10_1949", "2", "20"));
        JdbcDocumentWriter.Result first = writer.write(header("Q1", "OPEN", "30"), lines);
        assertThat(first.kind()).isEqualTo(JdbcDocumentWriter.Kind.CREATED);
        assertThat(first.number()).startsWith("SO-");
        // the same document again, as after an answer lost once the ERP had committed: no second order
        JdbcDocumentWriter.Result again = writer.write(header("Q1", "OPEN", "30"), lines);
        assertThat(again.kind()).isEqualTo(JdbcDocumentWriter.Kind.UNCHANGED);
        assertThat(again.number()).isEqualTo(first.number());
        assertThat(erp.scalar("SELECT COUNT(*) FROM erp_sales_order WHERE crm_quote_id = 'Q1'")).isEqualTo(1);
        assertThat(erp.scalar("SELECT COUNT(*) FROM erp_sales_order_line WHERE order_no = '" + first.number() + "'"))
                .isEqualTo(2);
    }

    @Test
    void aLineTheErpRefusesRollsTheWholeDocumentBack() throws Exception {
        JdbcDocumentWriter.Result r = writer.write(header("Q2", "OPEN", "30"),
                List.of(line("L3", 1, "S10_1678", "1", "10"), line("L4", 2, "NO_SUCH_PRODUCT", "2", "20")));
        assertThat(r.kind()).isEqualTo(JdbcDocumentWriter.Kind.REJECTED);
        assertThat(r.reason()).startsWith("SQLState 23");
        assertThat(erp.scalar("SELECT COUNT(*) FROM erp_sales_order WHERE crm_quote_id = 'Q2'")).as("no header alone")
                .isZero();
        assertThat(erp.scalar("SELECT COUNT(*) FROM erp_sales_order_line WHERE crm_line_id = 'L3'")).isZero();
    }

    @Test
    void linesAreAddedChangedAndRemovedWhileOpenThenTheDocumentIsLocked() throws Exception {
        String no = writer.write(header("Q3", "OPEN", "30"), List.of(line("L5", 1, "S10_1678", "1", "10"),
                line("L6", 2, "S10_1949", "2", "20"))).number();
        List<Map<String, Object>> changed = new ArrayList<>(List.of(line("L5", 1, "S10_1678", "3", "30"),
                line("L7", 2, "S10_1949", "1", "10"))); // L6 removed, L7 takes its line number
        assertThat(writer.write(header("Q3", "OPEN", "40"), changed).kind()).isEqualTo(JdbcDocumentWriter.Kind.UPDATED);
        assertThat(erp.scalar("SELECT COUNT(*) FROM erp_sales_order_line WHERE order_no = '" + no + "'")).isEqualTo(2);
        assertThat(erp.scalar("SELECT COUNT(*) FROM erp_sales_order_line WHERE crm_line_id = 'L6'")).isZero();

        erp.execute("UPDATE erp_sales_order SET status = 'SHIPPED' WHERE order_no = '" + no + "'");
        // re-read unchanged: nothing to refuse, and the ERP's status stays
        assertThat(writer.write(header("Q3", "OPEN", "40"), changed).kind()).isEqualTo(JdbcDocumentWriter.Kind.UNCHANGED);
        JdbcDocumentWriter.Result locked = writer.write(header("Q3", "OPEN", "50"),
                List.of(line("L5", 1, "S10_1678", "4", "40"), line("L7", 2, "S10_1949", "1", "10")));
        assertThat(locked.kind()).isEqualTo(JdbcDocumentWriter.Kind.LOCKED);
        assertThat(locked.reason()).contains(no).contains("SHIPPED").contains("OPEN");
        assertThat(erp.scalar("SELECT COUNT(*) FROM erp_sales_order_line WHERE crm_line_id = 'L5' AND quantity = 3"))
                .isEqualTo(1);
        assertThat(writer.write(header("Q3", "CANCELLED", "40"), changed).kind())
                .as("no cancelling once shipped").isEqualTo(JdbcDocumentWriter.Kind.LOCKED);
    }

    @Test
    void aCancellationCancelsAnOpenDocumentAndNeverCreatesOne() throws Exception {
        List<Map<String, Object>> lines = List.of(line("L8", 1, "S10_1678", "1", "10"));
        assertThat(writer.write(header("Q4", "CANCELLED", "10"), lines).kind())
                .isEqualTo(JdbcDocumentWriter.Kind.NOT_CREATED);
        assertThat(erp.scalar("SELECT COUNT(*) FROM erp_sales_order WHERE crm_quote_id = 'Q4'")).isZero();
        String no = writer.write(header("Q5", "OPEN", "10"), List.of(line("L9", 1, "S10_1678", "1", "10"))).number();
        assertThat(writer.write(header("Q5", "CANCELLED", "10"), List.of(line("L9", 1, "S10_1678", "1", "10"))).kind())
                .isEqualTo(JdbcDocumentWriter.Kind.UPDATED);
        assertThat(erp.row("SELECT status FROM erp_sales_order WHERE order_no = '" + no + "'").get("status"))
                .isEqualTo("CANCELLED");
    }
}
