package io.cebridge.flow.financialsummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Computes the canonical financial summary of ERP customers (sales YTD / MTD, AR aging, credit) with the integrator's
 * summary SQL ({@code mappings/financial-summary/summary.sql}); money stays BigDecimal from the driver to the map.
 */
public final class FinancialSummaryQuery {
    private static final int CHUNK = 500;
    private final DataSource erp;
    /** The parameter that stands for the list of customer numbers. */
    static final String LIST_PARAMETER = "customerNos";
    private final io.cebridge.connector.erp.jdbc.NamedSql sql;

    /** Key of a summary that could not be computed: its value says why (the other keys are then absent). */
    public static final String ERROR = "error";

    public FinancialSummaryQuery(DataSource erp, String sql) {
        this.erp = erp;
        this.sql = new io.cebridge.connector.erp.jdbc.NamedSql(sql);
        for (String name : this.sql.names()) {
            if (!SummaryParameters.KNOWN.contains(name) && !LIST_PARAMETER.equals(name)) {
                throw new IllegalArgumentException("summary SQL names unknown parameter :" + name
                        + "; known: :" + LIST_PARAMETER + ", :" + String.join(", :", SummaryParameters.KNOWN));
            }
        }
        if (!this.sql.names().contains(LIST_PARAMETER)) {
            throw new IllegalArgumentException("summary SQL must filter by :" + LIST_PARAMETER);
        }
    }

    public static FinancialSummaryQuery fromFile(DataSource erp, Path sqlFile) {
        try {
            return new FinancialSummaryQuery(erp, Files.readString(sqlFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read summary SQL " + sqlFile, e);
        }
    }

    /** Summaries of these ERP customer numbers as of the date; unknown customers are absent from the result. */
    public Map<String, Map<String, Object>> compute(Collection<String> customerNos, LocalDate asOf) throws SQLException {
        List<String> ids = List.copyOf(new LinkedHashSet<>(customerNos));
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Map<String, LocalDate> dates = SummaryParameters.dates(asOf);
        try (Connection c = erp.getConnection()) {
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                try (PreparedStatement ps = c.prepareStatement(sql.jdbc(LIST_PARAMETER, chunk.size()))) {
                    bind(ps, chunk, dates);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Map<String, Object> summary = row(rs, asOf);
                            out.put((String) summary.get("customerNo"), summary);
                        }
                    }
                }
            }
        }
        return out;
    }

    private void bind(PreparedStatement ps, List<String> chunk, Map<String, LocalDate> dates) throws SQLException {
        int index = 1;
        for (String name : sql.names()) {
            if (LIST_PARAMETER.equals(name)) {
                for (String id : chunk) {
                    bindCustomerNo(ps, index++, id);
                }
            } else {
                ps.setDate(index++, Date.valueOf(dates.get(name)));
            }
        }
    }

    // The reference ERP numbers customers with BIGINT; PostgreSQL refuses to compare bigint with a varchar
    // parameter, so numeric ids are bound as numbers and anything else (Northwind's 'ALFKI') as text.
    private static void bindCustomerNo(PreparedStatement ps, int index, String id) throws SQLException {
        if (id.matches("-?\\d{1,18}")) {
            ps.setLong(index, Long.parseLong(id));
        } else {
            ps.setString(index, id);
        }
    }

    private static Map<String, Object> row(ResultSet rs, LocalDate asOf) throws SQLException {
        String customerNo = rs.getString("customer_no").strip();
        long otherCurrency = rs.getLong("other_currency_documents");
        if (otherCurrency > 0) {
            // reported per customer, so one customer's data does not hold back the summaries of all the others
            Map<String, Object> refused = new LinkedHashMap<>();
            refused.put("customerNo", customerNo);
            refused.put(ERROR, "customer " + customerNo + " has " + otherCurrency + " document(s) in a currency"
                    + " other than the customer's currency; summary.sql does not convert them (see its header)");
            return refused;
        }
        BigDecimal notDue = money(rs, "ar_not_due");
        BigDecimal d30 = money(rs, "ar_1_30");
        BigDecimal d60 = money(rs, "ar_31_60");
        BigDecimal d90 = money(rs, "ar_61_90");
        BigDecimal over90 = money(rs, "ar_over_90");
        BigDecimal creditUsed = notDue.add(d30).add(d60).add(d90).add(over90).add(money(rs, "open_orders"));
        BigDecimal limit = rs.getBigDecimal("credit_limit");
        limit = limit == null ? null : limit.setScale(2, RoundingMode.HALF_UP);
        String currency = rs.getString("currency");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customerNo", customerNo);
        m.put("currency", currency == null ? null : currency.strip());
        m.put("ytdSales", money(rs, "ytd_sales"));
        m.put("mtdSales", money(rs, "mtd_sales"));
        m.put("arNotDue", notDue);
        m.put("ar1To30", d30);
        m.put("ar31To60", d60);
        m.put("ar61To90", d90);
        m.put("arOver90", over90);
        m.put("creditLimit", limit);
        m.put("creditUsed", creditUsed);
        // may be negative: an over-limit customer is exactly what the CRM user needs to see
        m.put("creditAvailable", limit == null ? null : limit.subtract(creditUsed));
        m.put("asOf", asOf.toString());
        return m;
    }

    /** A money column at scale 2; rounds HALF_UP only when the SQL result carries more decimals. */
    private static BigDecimal money(ResultSet rs, String column) throws SQLException {
        BigDecimal v = rs.getBigDecimal(column);
        return (v == null ? BigDecimal.ZERO : v).setScale(2, RoundingMode.HALF_UP);
    }
}
