package io.cebridge.flow.financialsummary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The financial summary of one customer computed from its documents, for an ERP read through its API (Kingdee) where
 * no SQL runs: the same rules, result fields and rounding as {@code summary.sql} with {@link FinancialSummaryQuery},
 * money in BigDecimal throughout. The input is a canonical customer document, as documents.kingdee.yaml declares it:
 *
 * <ul>
 *   <li>{@code customerNo}, {@code currency}, {@code creditLimit} (decimal or absent);</li>
 *   <li>{@code invoices}: {invoiceDate, status, currency, netAmount}: sales are the net amounts of those not
 *       CANCELLED dated from 1 January (YTD) / the 1st of the month (MTD) up to and including the as-of date;</li>
 *   <li>{@code openItems}: {dueDate, amount, writtenOff, status, currency}: open = amount - writtenOff, aged by days past
 *       due at the as-of date (not due: due >= asOf; 1-30: [asOf-30, asOf); 31-60; 61-90; over 90: due < asOf-90);
 *       cancelled and fully written-off ones are not open;</li>
 *   <li>{@code invoicedLines}: {orderNo, status, netAmount}: what is invoiced of each order (lines not CANCELLED);</li>
 *   <li>{@code orders}: {orderNo, status, currency, netAmount}: an order not CANCELLED counts its net total less what
 *       is invoiced of it, when positive, in credit used.</li>
 * </ul>
 * A document in a currency other than the customer's (or a customer without currency) refuses the customer's summary
 * with a reason, as the SQL does; nothing in two currencies is ever added up.
 */
public final class FinancialSummaryOfDocuments {
    private static final String CANCELLED = "CANCELLED";

    private FinancialSummaryOfDocuments() {
    }

    /**
     * The summary (the keys {@link FinancialSummaryQuery} gives: customerNo, currency, ytdSales ... asOf), or the
     * customer number with {@link FinancialSummaryQuery#ERROR} naming why it cannot be computed.
     */
    public static Map<String, Object> compute(Map<String, Object> customer, LocalDate asOf) {
        Map<String, LocalDate> d = SummaryParameters.dates(asOf);
        String customerNo = text(customer.get("customerNo"));
        String currency = text(customer.get("currency"));
        long otherCurrency = 0;
        BigDecimal ytd = BigDecimal.ZERO;
        BigDecimal mtd = BigDecimal.ZERO;
        for (Map<String, Object> i : list(customer, "invoices")) {
            LocalDate date = date(i.get("invoiceDate"));
            if (CANCELLED.equals(text(i.get("status"))) || date == null || date.isBefore(d.get("yearStart"))
                    || date.isAfter(asOf)) {
                continue;
            }
            otherCurrency += other(currency, i);
            BigDecimal net = money(i.get("netAmount"));
            ytd = ytd.add(net);
            if (!date.isBefore(d.get("monthStart"))) {
                mtd = mtd.add(net);
            }
        }
        BigDecimal[] aging = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        for (Map<String, Object> a : list(customer, "openItems")) {
            BigDecimal open = money(a.get("amount")).subtract(money(a.get("writtenOff")));
            if (CANCELLED.equals(text(a.get("status"))) || open.signum() == 0) {
                continue;
            }
            otherCurrency += other(currency, a);
            LocalDate due = date(a.get("dueDate"));
            if (due == null) {
                continue; // the SQL's comparisons with a NULL due date put it in no bucket
            }
            int bucket = !due.isBefore(asOf) ? 0 : !due.isBefore(d.get("asOfMinus30")) ? 1
                    : !due.isBefore(d.get("asOfMinus60")) ? 2 : !due.isBefore(d.get("asOfMinus90")) ? 3 : 4;
            aging[bucket] = aging[bucket].add(open);
        }
        Map<String, BigDecimal> invoiced = new HashMap<>();
        for (Map<String, Object> l : list(customer, "invoicedLines")) {
            String order = text(l.get("orderNo"));
            if (order != null && !order.isBlank() && !CANCELLED.equals(text(l.get("status")))) {
                invoiced.merge(order.strip(), money(l.get("netAmount")), BigDecimal::add);
            }
        }
        BigDecimal openOrders = BigDecimal.ZERO;
        for (Map<String, Object> o : list(customer, "orders")) {
            if (CANCELLED.equals(text(o.get("status")))) {
                continue;
            }
            String order = text(o.get("orderNo"));
            BigDecimal rest = money(o.get("netAmount")).subtract(invoiced.getOrDefault(order == null ? "" : order.strip(),
                    BigDecimal.ZERO));
            if (rest.signum() > 0) {
                otherCurrency += other(currency, o);
                openOrders = openOrders.add(rest);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customerNo", customerNo);
        if (otherCurrency > 0) {
            m.put(FinancialSummaryQuery.ERROR, "customer " + customerNo + " has " + otherCurrency + " document(s) in a"
                    + " currency other than the customer's currency" + (currency == null ? " (it has none)" : " " + currency)
                    + "; the summary does not convert them (see summary.sql's header)");
            return m;
        }
        // as FinancialSummaryQuery: the sum of the rounded buckets and the rounded open orders
        BigDecimal used = scale(openOrders);
        for (BigDecimal b : aging) {
            used = used.add(scale(b));
        }
        BigDecimal limit = customer.get("creditLimit") == null ? null : scale(money(customer.get("creditLimit")));
        m.put("currency", currency);
        m.put("ytdSales", scale(ytd));
        m.put("mtdSales", scale(mtd));
        m.put("arNotDue", scale(aging[0]));
        m.put("ar1To30", scale(aging[1]));
        m.put("ar31To60", scale(aging[2]));
        m.put("ar61To90", scale(aging[3]));
        m.put("arOver90", scale(aging[4]));
        m.put("creditLimit", limit);
        m.put("creditUsed", used);
        // may be negative: an over-limit customer is exactly what the CRM user needs to see
        m.put("creditAvailable", limit == null ? null : limit.subtract(used));
        m.put("asOf", asOf.toString());
        return m;
    }

    private static int other(String currency, Map<String, Object> doc) {
        return currency == null || !currency.equals(text(doc.get("currency"))) ? 1 : 0;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> customer, String name) {
        return customer.get(name) instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /** A money value as read (BigDecimal from the reader, text otherwise); absent counts nothing, as SUM skips NULL. */
    private static BigDecimal money(Object v) {
        if (v == null || v instanceof String s && s.isBlank()) {
            return BigDecimal.ZERO;
        }
        return v instanceof BigDecimal b ? b : new BigDecimal(v.toString().strip());
    }

    /** Scale 2, HALF_UP only when the amounts carry more decimals (as FinancialSummaryQuery's money columns). */
    private static BigDecimal scale(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    private static LocalDate date(Object v) {
        String t = text(v);
        return t == null || t.isBlank() ? null : LocalDate.parse(t.strip().substring(0, Math.min(10, t.strip().length())));
    }

    private static String text(Object v) {
        return v == null ? null : v instanceof BigDecimal b ? b.toPlainString() : v.toString();
    }
}
