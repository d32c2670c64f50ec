package io.cebridge.demo.kingdee;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Save, Submit and Audit of the stand-in's SAL_SaleOrder (销售订单), lines under FSaleOrderEntry. The orders live in
 * {@link StandInBills} with the seeded ones, so ExecuteBillQuery reads a saved order as it reads those; the lines'
 * materials are the BD_MATERIAL bills of {@link StandInMaterials}. The rules Kingdee applies on Save:
 * FCustId, FSaleOrgId and FDate required; the customer (audited) and each line's material must exist, neither
 * forbidden; at least one line, each with FMaterialId and FQty above zero; FBillNo by the numbering rule (XSDD000001,
 * ...) and unique; FID, FEntryID, FSeq, FAllAmount (quantity x FTaxPrice less FEntryDiscountRate %) and FModifyDate
 * stamped by Kingdee; an update names the order by FID and only while it is not submitted or audited. IsDeleteEntry
 * (default true) drops the lines the update does not send; false keeps them. Sub-head FSaleOrderFinance's fields are
 * read and queried by their own keys.
 */
final class StandInSaleOrders implements StandInForms.Documents {
    static final String FORM = StandInSalesDocuments.ORDERS;
    static final String ENTRY = "FSALEORDERENTRY";
    private static final String FINANCE = "FSALEORDERFINANCE";
    private static final Set<String> COMPUTED = Set.of("FID", "FDOCUMENTSTATUS", "FCREATEDATE", "FMODIFYDATE",
            "FBILLALLAMOUNT", "FBILLAMOUNT", "FBILLTAXAMOUNT", "FCLOSESTATUS", "FCANCELSTATUS");
    /** A line's tax rate when it names none: the rate of the reference materials (Kingdee takes the material's). */
    private static final BigDecimal DEFAULT_TAX_RATE = new BigDecimal("13");

    private final Set<String> orgs;
    private final StandInCustomers customers;
    /** Where the orders live (form SAL_SaleOrder, as ExecuteBillQuery reads them) and the materials they name. */
    private final StandInBills bills;
    private int nextNumber = 1;

    StandInSaleOrders(Set<String> orgs, StandInCustomers customers, StandInBills bills) {
        this.orgs = Set.copyOf(orgs);
        this.customers = customers;
        this.bills = bills;
    }

    /** Every order, oldest first: header values with the lines as a list under FSALEORDERENTRY (upper-case keys). */
    synchronized List<Map<String, Object>> all() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (long id : bills.ids(FORM)) {
            Map<String, Object> copy = bills.get(FORM, id);
            copy.put(ENTRY, bills.entries(FORM, id));
            out.add(copy);
        }
        return out;
    }

    /** Saves one model: a create without FID, an update of the order with it. */
    @Override
    public synchronized StandInCustomers.Saved save(Map<String, Object> model, List<String> updateFields,
                                                    boolean deleteEntries) {
        Map<String, Object> in = upper(model);
        if (in.get(FINANCE) instanceof Map<?, ?> fin) { // the sub-head's fields are the order's own
            fin.forEach((k, v) -> in.putIfAbsent(k.toString().toUpperCase(Locale.ROOT), v));
            in.remove(FINANCE);
        }
        long id = longOf(in.get("FID"));
        Map<String, Object> current = id > 0 ? bills.get(FORM, id) : null;
        if (id > 0 && current == null) {
            return refused("FID", "内码为" + id + "的数据不存在或已被删除");
        }
        if (current != null && !"A".equals(current.get("FDOCUMENTSTATUS")) && !"D".equals(current.get("FDOCUMENTSTATUS"))) {
            return refused("", "单据编号为“" + current.get("FBILLNO") + "”的销售订单，当前状态"
                    + ("C".equals(current.get("FDOCUMENTSTATUS")) ? "已审核" : "审核中") + "，不允许修改");
        }
        Map<String, Object> next = current == null ? new LinkedHashMap<>() : new LinkedHashMap<>(current);
        Set<String> writes = updateFields == null || updateFields.isEmpty() || current == null ? in.keySet()
                : Set.copyOf(updateFields.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList());
        StandInBills.Form form = bills.form(FORM);
        in.forEach((k, v) -> {
            if (writes.contains(k) && form.has(k) && !COMPUTED.contains(k) && !form.isEntryKey(k)) {
                next.put(k, v);
            }
        });
        List<StandInCustomers.Refusal> refusals = new ArrayList<>();
        List<Map<String, Object>> lines = lines(form, in, id, deleteEntries, refusals);
        required(next, "FCUSTID", "FCustId", "客户", refusals);
        required(next, "FSALEORGID", "FSaleOrgId", "销售组织", refusals);
        if (next.get("FDATE") == null || next.get("FDATE").toString().isBlank()) {
            refusals.add(new StandInCustomers.Refusal("FDate", "字段“日期”是必填项，请录入"));
        }
        String customer = number(next.get("FCUSTID"));
        if (customer != null) {
            // a bill may refer only to base data that is audited and not forbidden
            List<List<Object>> c = customers.query(List.of("FDOCUMENTSTATUS", "FFORBIDSTATUS"),
                    m -> customer.equals(m.get("FNUMBER")), "", 0, 1);
            if (c.isEmpty() || !"C".equals(c.get(0).get(0))) {
                refusals.add(new StandInCustomers.Refusal("FCustId", "字段“客户”的值“" + customer + "”在系统中不存在或未审核"));
            } else if ("B".equals(c.get(0).get(1))) {
                refusals.add(new StandInCustomers.Refusal("FCustId", "客户“" + customer + "”已禁用，不能使用"));
            }
        }
        String org = number(next.get("FSALEORGID"));
        if (org != null && !orgs.contains(org)) {
            refusals.add(new StandInCustomers.Refusal("FSaleOrgId", "字段“销售组织”的值“" + org + "”在系统中不存在"));
        }
        String billNo = next.get("FBILLNO") == null || next.get("FBILLNO").toString().isBlank() ? null
                : next.get("FBILLNO").toString();
        Map<String, Object> holder = billNo == null ? null : bills.find(FORM, "FBillNo", billNo);
        if (holder != null && longOf(holder.get("FID")) != id) {
            refusals.add(new StandInCustomers.Refusal("FBillNo", "编码已存在，请检查"));
        }
        if (!refusals.isEmpty()) {
            return new StandInCustomers.Saved(0, null, refusals);
        }
        if (billNo == null) {
            do {
                billNo = String.format(Locale.ROOT, "XSDD%06d", nextNumber++);
            } while (bills.find(FORM, "FBillNo", billNo) != null);
            next.put("FBILLNO", billNo);
        }
        if (current == null) {
            next.put("FDOCUMENTSTATUS", "A");
            next.put("FCLOSESTATUS", "A");
            next.put("FCANCELSTATUS", "A");
            next.put("FCREATEDATE", bills.stamp());
        }
        next.put("FDATE", date(next.get("FDATE")));
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal totalNet = BigDecimal.ZERO;
        for (Map<String, Object> l : lines) {
            BigDecimal qty = decimal(l.get("FQTY"));
            BigDecimal price = decimal(l.get("FTAXPRICE")) == null ? BigDecimal.ZERO : decimal(l.get("FTAXPRICE"));
            BigDecimal rate = decimal(l.get("FENTRYDISCOUNTRATE")) == null ? BigDecimal.ZERO : decimal(l.get("FENTRYDISCOUNTRATE"));
            BigDecimal gross = qty.multiply(price);
            BigDecimal amount = gross.subtract(gross.multiply(rate).divide(BigDecimal.valueOf(100))).setScale(2,
                    RoundingMode.HALF_UP);
            l.put("FALLAMOUNT", amount);
            total = total.add(amount);
            // 金额 (without tax) = 价税合计 / (1 + tax rate), as Kingdee computes it for prices with tax
            BigDecimal tax = decimal(l.get("FENTRYTAXRATE")) == null ? DEFAULT_TAX_RATE : decimal(l.get("FENTRYTAXRATE"));
            BigDecimal net = amount.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(100).add(tax), 2,
                    RoundingMode.HALF_UP);
            l.put("FAMOUNT", net);
            totalNet = totalNet.add(net);
        }
        next.put("FBILLALLAMOUNT", total);
        next.put("FBILLAMOUNT", totalNet);
        next.put("FBILLTAXAMOUNT", total.subtract(totalNet));
        id = bills.put(FORM, id, next, lines); // stamps FModifyDate, numbers the new lines
        return new StandInCustomers.Saved(id, billNo, List.of());
    }

    /** The lines after this save: those sent (new, or updating theirs by FEntryID), plus the kept ones. */
    private List<Map<String, Object>> lines(StandInBills.Form form, Map<String, Object> in, long id,
                                            boolean deleteEntries, List<StandInCustomers.Refusal> refusals) {
        Map<Long, Map<String, Object>> old = new LinkedHashMap<>();
        bills.entries(FORM, id).forEach(l -> old.put(longOf(l.get(ENTRY + "_FENTRYID")), l));
        List<Map<String, Object>> out = new ArrayList<>();
        Object sent = in.get(ENTRY);
        if (sent != null && !(sent instanceof List)) {
            refusals.add(new StandInCustomers.Refusal("FSaleOrderEntry", "单据体“订单明细”的数据格式错误，应为数组"));
            return out;
        }
        List<?> sentLines = sent == null ? List.of() : (List<?>) sent;
        int row = 0;
        for (Object o : sentLines) {
            row++;
            if (!(o instanceof Map<?, ?> raw)) {
                refusals.add(new StandInCustomers.Refusal("FSaleOrderEntry", "第" + row + "行分录的数据格式错误"));
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> l = upper((Map<String, Object>) raw);
            long entryId = longOf(l.get("FENTRYID"));
            Map<String, Object> line = entryId > 0 && old.containsKey(entryId) ? old.remove(entryId) : new LinkedHashMap<>();
            if (entryId > 0 && line.isEmpty()) {
                refusals.add(new StandInCustomers.Refusal("FEntryID", "第" + row + "行分录内码" + entryId + "不存在"));
                continue;
            }
            l.forEach((k, v) -> {
                if (form.isEntryKey(k) && !k.startsWith(ENTRY + "_") && !k.equals("FALLAMOUNT") && !k.equals("FAMOUNT")) {
                    line.put(k, v);
                }
            });
            String material = number(line.get("FMATERIALID"));
            if (material == null) {
                refusals.add(new StandInCustomers.Refusal("FMaterialId", "第" + row + "行字段“物料编码”是必填项，请录入"));
            } else {
                Map<String, Object> m = bills.find(StandInMaterials.MATERIALS, "FNumber", material);
                if (m == null) {
                    refusals.add(new StandInCustomers.Refusal("FMaterialId", "第" + row + "行字段“物料编码”的值“" + material
                            + "”在系统中不存在"));
                } else if ("B".equals(m.get("FFORBIDSTATUS"))) {
                    refusals.add(new StandInCustomers.Refusal("FMaterialId", "第" + row + "行物料“" + material
                            + "”已禁用，不能使用"));
                }
            }
            BigDecimal qty = decimal(line.get("FQTY"));
            if (qty == null) {
                refusals.add(new StandInCustomers.Refusal("FQty", "第" + row + "行字段“销售数量”是必填项，请录入"));
            } else if (qty.signum() <= 0) {
                refusals.add(new StandInCustomers.Refusal("FQty", "第" + row + "行字段“销售数量”必须大于0"));
            }
            out.add(line);
        }
        if (!deleteEntries) {
            List<Map<String, Object>> kept = new ArrayList<>(old.values());
            kept.addAll(out);
            out = kept;
        }
        if (out.isEmpty()) {
            refusals.add(new StandInCustomers.Refusal("FSaleOrderEntry", "单据体“订单明细”至少需要录入一行"));
        }
        return out;
    }

    /** Submit (A/D -> B) or audit (B -> C) one order by its FBillNo; null when done, else Kingdee's message. */
    @Override
    public synchronized String transition(String billNo, boolean audit) {
        Map<String, Object> d = bills.find(FORM, "FBillNo", billNo);
        if (d == null) {
            return "单据编号为“" + billNo + "”的销售订单不存在";
        }
        String refused = StandInForms.Documents.refusedTransition("单据编号为“" + billNo + "”的销售订单",
                d.get("FDOCUMENTSTATUS"), audit);
        if (refused != null) {
            return refused;
        }
        bills.update(FORM, longOf(d.get("FID")), Map.of("FDocumentStatus", audit ? "C" : "B"));
        return null;
    }

    /** A reference's number ({"FNumber": ..} or {"FNUMBER": ..}), or null. */
    private static String number(Object ref) {
        if (ref instanceof Map<?, ?> m) {
            Object n = m.get("FNumber") != null ? m.get("FNumber") : m.get("FNUMBER");
            return n == null || n.toString().isBlank() ? null : n.toString();
        }
        return null;
    }

    private static void required(Map<String, Object> d, String key, String field, String label,
                                 List<StandInCustomers.Refusal> refusals) {
        if (number(d.get(key)) == null) {
            refusals.add(new StandInCustomers.Refusal(field, "字段“" + label + "”是必填项，请录入"));
        }
    }

    private static StandInCustomers.Saved refused(String field, String message) {
        return new StandInCustomers.Saved(0, null, List.of(new StandInCustomers.Refusal(field, message)));
    }

    /** FDate as Kingdee answers a date field: yyyy-MM-ddT00:00:00. */
    private static String date(Object v) {
        String s = v.toString().strip();
        return s.length() == 10 ? s + "T00:00:00" : s;
    }

    private static Map<String, Object> upper(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k.toUpperCase(Locale.ROOT), v));
        return out;
    }

    private static BigDecimal decimal(Object v) {
        if (v == null || v.toString().isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(v.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long longOf(Object v) {
        BigDecimal d = decimal(v);
        return d == null ? 0 : d.longValue();
    }
}
