package io.cebridge.demo.kingdee;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Save, Submit and Audit of the stand-in's BD_CommonContact (联系人), the contacts of customers (and suppliers) that
 * Kingdee keeps apart from the customer since its contact rework: a contact names its company by FCompanyType (the
 * company's form, BD_Customer) and FCompany (the company by its number). The contacts live in {@link StandInBills}
 * (internal id FCONTACTID), so ExecuteBillQuery reads them as it reads the bills. The rules applied on Save: FName
 * (姓名), FCompanyType and FCompany required; FCompany a BD_Customer that exists and is not forbidden; text fields
 * no longer than their lengths; organisations that exist; FNumber unique and assigned by the numbering rule
 * (CXR000001, ... as public integrations show Kingdee's) when not sent; an update names the contact by FCONTACTID and
 * writes only the NeedUpDateFields when given; document status A -> B (submitted) -> C (audited).
 * The field keys and the CXR numbering are those seen in public integrations' Save bodies; the lengths are assumed
 * (Kingdee's own depend on the data centre), see docs/erp-kingdee.md.
 */
final class StandInContacts implements StandInForms.Documents {
    static final String FORM = "BD_CommonContact";
    private static final String ID = "FCONTACTID";
    /** The longest value Kingdee takes per text field (assumed: the real lengths are the data centre's metadata). */
    private static final Map<String, Integer> LENGTHS = Map.of("FNAME", 80, "FPOST", 80, "FTEL", 50, "FMOBILE", 50,
            "FEMAIL", 80, "FBIZADDRESS", 255);
    /** Field captions as Kingdee names them in its messages. */
    private static final Map<String, String> CAPTIONS = Map.of("FNAME", "姓名", "FPOST", "职务", "FTEL", "固定电话",
            "FMOBILE", "移动电话", "FEMAIL", "邮箱", "FBIZADDRESS", "详细地址", "FCOMPANYTYPE", "类型", "FCOMPANY", "所属公司");
    /** The field keys as Kingdee spells them in FieldName. */
    private static final Map<String, String> KEYS = Map.of("FNAME", "FName", "FPOST", "FPost", "FTEL", "FTel", "FMOBILE",
            "FMobile", "FEMAIL", "FEmail", "FBIZADDRESS", "FBizAddress", "FCOMPANYTYPE", "FCompanyType", "FCOMPANY", "FCompany");
    private static final Set<String> COMPUTED = Set.of(ID, "FDOCUMENTSTATUS", "FFORBIDSTATUS", "FCREATEDATE", "FMODIFYDATE");

    private final Set<String> orgs;
    private final StandInCustomers customers;
    private final StandInBills bills;
    private int nextNumber = 1;

    StandInContacts(String crmIdField, Set<String> orgs, StandInCustomers customers, StandInBills bills) {
        this.orgs = Set.copyOf(orgs);
        this.customers = customers;
        this.bills = bills;
        bills.define(new StandInBills.Form(FORM, ID, null, Set.of("FNumber", "FName", "FCompanyType", "FCompany", "FPost",
                "FTel", "FMobile", "FEmail", "FBizAddress", "FDescription", "FCreateOrgId", "FUseOrgId", "FDocumentStatus",
                "FForbidStatus", "FCreateDate", "FModifyDate", crmIdField), Set.of()));
    }

    /** Every contact, oldest first (upper-case keys, references as {"FNumber": ..}). */
    synchronized List<Map<String, Object>> all() {
        return bills.ids(FORM).stream().map(id -> bills.get(FORM, id)).toList();
    }

    /** Saves one model: a create without FCONTACTID, an update of the contact with it. */
    @Override
    public synchronized StandInCustomers.Saved save(Map<String, Object> model, List<String> updateFields,
                                                    boolean deleteEntries) {
        Map<String, Object> in = new LinkedHashMap<>();
        model.forEach((k, v) -> in.put(k.toUpperCase(Locale.ROOT), v));
        long id = longOf(in.get(ID));
        Map<String, Object> current = id > 0 ? bills.get(FORM, id) : null;
        if (id > 0 && current == null) {
            return refused("FCONTACTID", "内码为" + id + "的数据不存在或已被删除");
        }
        Map<String, Object> next = current == null ? new LinkedHashMap<>() : new LinkedHashMap<>(current);
        Set<String> writes = updateFields == null || updateFields.isEmpty() || current == null ? in.keySet()
                : Set.copyOf(updateFields.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList());
        StandInBills.Form form = bills.form(FORM);
        in.forEach((k, v) -> {
            if (writes.contains(k) && form.has(k) && !COMPUTED.contains(k)) {
                next.put(k, v);
            }
        });
        List<StandInCustomers.Refusal> refusals = new ArrayList<>();
        for (String k : List.of("FNAME", "FCOMPANYTYPE", "FCOMPANY")) {
            if (text(next.get(k)) == null) {
                refusals.add(new StandInCustomers.Refusal(KEYS.get(k), "字段“" + CAPTIONS.get(k) + "”是必填项，请录入"));
            }
        }
        LENGTHS.forEach((k, max) -> {
            String v = next.get(k) == null ? null : next.get(k).toString();
            if (v != null && v.codePointCount(0, v.length()) > max) {
                refusals.add(new StandInCustomers.Refusal(KEYS.get(k), "字段“" + CAPTIONS.get(k) + "”的长度超过了最大长度" + max));
            }
        });
        String type = text(next.get("FCOMPANYTYPE"));
        String company = text(next.get("FCOMPANY"));
        if (type != null && !type.equals(StandInCustomers.FORM)) {
            refusals.add(new StandInCustomers.Refusal("FCompanyType", "字段“类型”的值“" + type + "”不在可选范围内"));
        } else if (company != null) {
            // the company is referred to by its number: it must be a customer of the data centre, not forbidden
            List<List<Object>> c = customers.query(List.of("FFORBIDSTATUS"), m -> company.equals(m.get("FNUMBER")), "", 0, 1);
            if (c.isEmpty()) {
                refusals.add(new StandInCustomers.Refusal("FCompany", "字段“所属公司”的值“" + company + "”在系统中不存在"));
            } else if ("B".equals(c.get(0).get(0))) {
                refusals.add(new StandInCustomers.Refusal("FCompany", "客户“" + company + "”已禁用，不能使用"));
            }
        }
        for (String org : List.of("FCREATEORGID", "FUSEORGID")) {
            String n = text(next.get(org));
            if (n != null && !orgs.contains(n)) {
                refusals.add(new StandInCustomers.Refusal(org.equals("FCREATEORGID") ? "FCreateOrgId" : "FUseOrgId", "字段“"
                        + (org.equals("FCREATEORGID") ? "创建组织" : "使用组织") + "”的值“" + n + "”在系统中不存在"));
            }
        }
        String number = text(next.get("FNUMBER"));
        Map<String, Object> holder = number == null ? null : bills.find(FORM, "FNumber", number);
        if (holder != null && longOf(holder.get(ID)) != id) {
            refusals.add(new StandInCustomers.Refusal("FNumber", "编码已存在，请检查"));
        }
        if (!refusals.isEmpty()) {
            return new StandInCustomers.Saved(0, null, refusals);
        }
        if (number == null) {
            do {
                number = String.format(Locale.ROOT, "CXR%06d", nextNumber++);
            } while (bills.find(FORM, "FNumber", number) != null);
            next.put("FNUMBER", number);
        }
        if (current == null) {
            // Kingdee fills the organisations of base data saved without them with the user's current one
            String own = orgs.stream().sorted().findFirst().orElse("100");
            next.putIfAbsent("FCREATEORGID", Map.of("FNumber", own));
            next.putIfAbsent("FUSEORGID", Map.of("FNumber", own));
            next.put("FDOCUMENTSTATUS", "A");
            next.put("FFORBIDSTATUS", "A");
            next.put("FCREATEDATE", bills.stamp());
        }
        next.remove(ID);
        id = bills.put(FORM, id, next, List.of()); // stamps FModifyDate
        return new StandInCustomers.Saved(id, number, List.of());
    }

    /** Submit (A/D -> B) or audit (B -> C) one contact by number; null when done, else Kingdee's message. */
    @Override
    public synchronized String transition(String number, boolean audit) {
        Map<String, Object> c = bills.find(FORM, "FNumber", number);
        if (c == null) {
            return "编码为“" + number + "”的联系人不存在";
        }
        String refused = StandInForms.Documents.refusedTransition("编码为“" + number + "”的联系人",
                c.get("FDOCUMENTSTATUS"), audit);
        if (refused != null) {
            return refused;
        }
        bills.update(FORM, longOf(c.get(ID)), Map.of("FDOCUMENTSTATUS", audit ? "C" : "B"));
        return null;
    }

    private static StandInCustomers.Saved refused(String field, String message) {
        return new StandInCustomers.Saved(0, null, List.of(new StandInCustomers.Refusal(field, message)));
    }

    /** A value as text (a reference by its number), null when blank. */
    private static String text(Object v) {
        Object n = v instanceof Map<?, ?> ref ? ref.get("FNumber") != null ? ref.get("FNumber") : ref.get("FNUMBER") : v;
        return n == null || n.toString().isBlank() ? null : n.toString();
    }

    private static long longOf(Object v) {
        if (v == null) {
            return 0;
        }
        try {
            return new java.math.BigDecimal(v.toString().strip()).longValue();
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
