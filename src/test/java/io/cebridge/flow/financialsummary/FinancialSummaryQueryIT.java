package io.cebridge.flow.financialsummary;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.it.TestErp;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;

// Guards: a summary figure that is off by a cent, lands in the wrong aging bucket or loses precision on one database.
class FinancialSummaryQueryIT {
    // The seeded open items fall due between 2005-05-04 and 2005-06-19: these dates put them into every bucket
    // (and 2005-05-10 has invoices after it and in its month).
    private static final List<LocalDate> AS_OF = List.of(LocalDate.of(2005, 5, 10), LocalDate.of(2005, 6, 15),
            LocalDate.of(2005, 8, 20), LocalDate.of(2005, 9, 30));
    private static final Path NORTHWIND = Path.of("src/test/resources/financial-summary/northwind");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(TestErp.Kind.class)
    void everySeededCustomerMatchesAnIndependentComputationToTheCent(TestErp.Kind kind) throws Exception {
        try (TestErp erp = TestErp.create(kind, tmp, true)) {
            FinancialSummaryQuery query = FinancialSummaryQuery.fromFile(erp.dataSource(),
                    Path.of("mappings/financial-summary/summary.sql"));
            List<Map<String, Object>> all = new ArrayList<>();
            for (LocalDate asOf : AS_OF) {
                Map<String, Map<String, Object>> expected = expectedFromRawRows(erp.dataSource(), asOf);
                Map<String, Map<String, Object>> actual = query.compute(expected.keySet(), asOf);
                assertThat(actual).hasSameSizeAs(expected);
                expected.forEach((no, e) -> assertThat(actual.get(no)).as("customer " + no + " at " + asOf).isEqualTo(e));
                assertThat(actual.get("100001").get("ytdSales")).isInstanceOf(BigDecimal.class);
                all.addAll(expected.values());
            }
            // the comparison above is only worth something if the data exercises every case
            for (String bucket : List.of("arNotDue", "ar1To30", "ar31To60", "ar61To90", "arOver90", "mtdSales")) {
                assertThat(all).as(bucket).anyMatch(m -> ((BigDecimal) m.get(bucket)).signum() > 0);
            }
            assertThat(all).anyMatch(m -> m.get("creditLimit") == null);
            assertThat(all).anyMatch(m -> ((BigDecimal) m.get("creditUsed")).compareTo(sumOfAr(m)) > 0); // open orders
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestErp.Kind.class, names = {"H2", "POSTGRESQL"})
    void realMoneyColumnsSumExactlyToTheCent(TestErp.Kind kind) throws Exception {
        LocalDate asOf = LocalDate.of(1998, 4, 30);
        try (NorthwindDb db = NorthwindDb.create(kind)) {
            Map<String, Map<String, Object>> actual = FinancialSummaryQuery.fromFile(db.ds, NORTHWIND.resolve("summary.sql"))
                    .compute(List.of("ALFKI", "ERNSH", "QUICK", "SAVEA", "NOONE"), asOf);
            assertThat(actual).containsOnlyKeys("ALFKI", "ERNSH", "QUICK", "SAVEA");
            for (String customer : actual.keySet()) {
                BigDecimal[] own = northwindSales(db.ds, customer, asOf);
                assertThat(actual.get(customer).get("ytdSales")).as(customer + " ytd").isEqualTo(own[0]);
                assertThat(actual.get(customer).get("mtdSales")).as(customer + " mtd").isEqualTo(own[1]);
            }
            // exactly half a cent: PostgreSQL's float arithmetic gives 37217.3149029..., i.e. 37217.31, one cent short
            assertThat(actual.get("QUICK").get("ytdSales")).isEqualTo(new BigDecimal("37217.32"));
        }
    }

    /** The test's own figures: each REAL read as the decimal it was written as, multiplied and summed exactly. */
    private static BigDecimal[] northwindSales(DataSource ds, String customer, LocalDate asOf) throws SQLException {
        BigDecimal ytd = BigDecimal.ZERO;
        BigDecimal mtd = BigDecimal.ZERO;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT o.order_date, d.unit_price, d.quantity, d.discount FROM orders o JOIN order_details d"
                        + " ON d.order_id = o.order_id WHERE o.customer_id = '" + customer + "'")) {
            while (rs.next()) {
                LocalDate date = rs.getDate(1).toLocalDate();
                BigDecimal line = new BigDecimal(Float.toString(rs.getFloat(2))).multiply(BigDecimal.valueOf(rs.getInt(3)))
                        .multiply(BigDecimal.ONE.subtract(new BigDecimal(Float.toString(rs.getFloat(4)))));
                if (date.getYear() == asOf.getYear() && !date.isAfter(asOf)) {
                    ytd = ytd.add(line);
                    if (date.getMonth() == asOf.getMonth()) {
                        mtd = mtd.add(line);
                    }
                }
            }
        }
        return new BigDecimal[] {ytd.setScale(2, RoundingMode.HALF_UP), mtd.setScale(2, RoundingMode.HALF_UP)};
    }

    // Guards: sales counted with tax, and an order invoiced in part dropping out of the credit used.
    @ParameterizedTest
    @EnumSource(TestErp.Kind.class)
    void salesAreNetOfTaxAndAPartlyInvoicedOrderCountsItsUninvoicedRemainder(TestErp.Kind kind) throws Exception {
        LocalDate asOf = LocalDate.of(2026, 11, 30);
        try (TestErp erp = TestErp.create(kind, tmp, true)) {
            FinancialSummaryQuery query = FinancialSummaryQuery.fromFile(erp.dataSource(),
                    Path.of("mappings/financial-summary/summary.sql"));
            String customer = String.valueOf(erp.scalar("SELECT MIN(customer_no) FROM erp_customer WHERE currency = 'USD'"));
            Map<String, Object> before = query.compute(List.of(customer), asOf).get(customer);
            erp.execute("INSERT INTO erp_sales_order (order_no, customer_no, order_date, status, currency, total_amount)"
                    + " VALUES ('SO-CREDIT', " + customer + ", DATE '2026-11-02', 'IN_PROCESS', 'USD', 1000.00)");
            erp.execute("INSERT INTO erp_invoice (invoice_no, customer_no, order_no, invoice_date, due_date, currency,"
                    + " net_amount, tax_amount, total_amount) VALUES ('INV-CREDIT', " + customer + ", 'SO-CREDIT',"
                    + " DATE '2026-11-20', DATE '2026-12-20', 'USD', 400.00, 52.00, 452.00)");
            erp.execute("INSERT INTO erp_ar_open_item (invoice_no, customer_no, document_date, due_date, currency,"
                    + " original_amount, open_amount) VALUES ('INV-CREDIT', " + customer + ", DATE '2026-11-20',"
                    + " DATE '2026-12-20', 'USD', 452.00, 452.00)");
            Map<String, Object> after = query.compute(List.of(customer), asOf).get(customer);
            assertThat(((BigDecimal) after.get("ytdSales")).subtract((BigDecimal) before.get("ytdSales")))
                    .as("sales net of tax").isEqualByComparingTo("400.00");
            assertThat(((BigDecimal) after.get("mtdSales")).subtract((BigDecimal) before.get("mtdSales")))
                    .isEqualByComparingTo("400.00");
            // 452.00 open AR of the invoice + the 600.00 of the order not invoiced yet
            assertThat(((BigDecimal) after.get("creditUsed")).subtract((BigDecimal) before.get("creditUsed")))
                    .isEqualByComparingTo("1052.00");
        }
    }

    private static BigDecimal sumOfAr(Map<String, Object> m) {
        return List.of("arNotDue", "ar1To30", "ar31To60", "ar61To90", "arOver90").stream()
                .map(k -> (BigDecimal) m.get(k)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The summary computed in Java from the raw rows, without summary.sql's joins, CASEs or parameters. */
    static Map<String, Map<String, Object>> expectedFromRawRows(DataSource ds, LocalDate asOf) throws SQLException {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Map<String, BigDecimal> invoicedNet = new HashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT customer_no, currency, credit_limit FROM erp_customer")) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    String no = rs.getString(1);
                    m.put("customerNo", no);
                    m.put("currency", rs.getString(2));
                    for (String k : List.of("ytdSales", "mtdSales", "arNotDue", "ar1To30", "ar31To60", "ar61To90",
                            "arOver90")) {
                        m.put(k, new BigDecimal("0.00"));
                    }
                    m.put("creditLimit", rs.getBigDecimal(3));
                    m.put("creditUsed", new BigDecimal("0.00"));
                    out.put(no, m);
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT customer_no, invoice_date, net_amount, status, order_no FROM erp_invoice")) {
                while (rs.next()) {
                    if ("CANCELLED".equals(rs.getString(4))) {
                        continue;
                    }
                    if (rs.getString(5) != null) {
                        invoicedNet.merge(rs.getString(5), rs.getBigDecimal(3), BigDecimal::add);
                    }
                    LocalDate d = rs.getDate(2).toLocalDate();
                    Map<String, Object> m = out.get(rs.getString(1));
                    if (d.getYear() == asOf.getYear() && !d.isAfter(asOf)) {
                        add(m, "ytdSales", rs.getBigDecimal(3));
                        if (d.getMonth() == asOf.getMonth()) {
                            add(m, "mtdSales", rs.getBigDecimal(3));
                        }
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT customer_no, due_date, open_amount FROM erp_ar_open_item")) {
                while (rs.next()) {
                    long late = ChronoUnit.DAYS.between(rs.getDate(2).toLocalDate(), asOf);
                    String bucket = late <= 0 ? "arNotDue" : late <= 30 ? "ar1To30" : late <= 60 ? "ar31To60"
                            : late <= 90 ? "ar61To90" : "arOver90";
                    add(out.get(rs.getString(1)), bucket, rs.getBigDecimal(3));
                    add(out.get(rs.getString(1)), "creditUsed", rs.getBigDecimal(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT customer_no, order_no, status, total_amount FROM erp_sales_order")) {
                while (rs.next()) {
                    // an open order counts what is not invoiced of it yet (its invoices are in open AR or paid)
                    BigDecimal left = rs.getBigDecimal(4).subtract(invoicedNet.getOrDefault(rs.getString(2),
                            BigDecimal.ZERO));
                    if (!"CANCELLED".equals(rs.getString(3)) && left.signum() > 0) {
                        add(out.get(rs.getString(1)), "creditUsed", left);
                    }
                }
            }
        }
        out.values().forEach(m -> {
            BigDecimal limit = (BigDecimal) m.remove("creditLimit");
            BigDecimal used = (BigDecimal) m.remove("creditUsed");
            m.put("creditLimit", limit);
            m.put("creditUsed", used);
            m.put("creditAvailable", limit == null ? null : limit.subtract(used));
            m.put("asOf", asOf.toString());
        });
        return out;
    }

    private static void add(Map<String, Object> m, String key, BigDecimal amount) {
        m.put(key, ((BigDecimal) m.get(key)).add(amount));
    }

    /** The Northwind-shaped tables with the copied rows, on H2 in memory or a fresh PostgreSQL database. */
    private record NorthwindDb(DataSource ds, String pgName) implements AutoCloseable {
        static NorthwindDb create(TestErp.Kind kind) throws Exception {
            String name = "cebridge_nw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            NorthwindDb db;
            if (kind == TestErp.Kind.POSTGRESQL) {
                admin("CREATE DATABASE " + name);
                PGSimpleDataSource pg = new PGSimpleDataSource();
                pg.setUrl("jdbc:postgresql://127.0.0.1:5432/" + name);
                pg.setUser("postgres");
                db = new NorthwindDb(pg, name);
            } else {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
                db = new NorthwindDb(h2, null);
            }
            try (Connection c = db.ds.getConnection(); Statement s = c.createStatement()) {
                for (String file : List.of("schema.sql", "data.sql")) {
                    for (String sql : Files.readString(NORTHWIND.resolve(file)).split(";\\s*\\n")) {
                        String stmt = sql.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
                        if (!stmt.isBlank()) {
                            s.execute(stmt);
                        }
                    }
                }
            }
            return db;
        }

        private static void admin(String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }

        @Override
        public void close() throws Exception {
            if (pgName != null) {
                admin("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
            }
        }
    }
}
