package io.cebridge.demo.kingdee;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The stand-in's BD_Customer (客户) documents and the rules Kingdee applies to them on Save, Submit and Audit:
 * FName required and at most {@code maxNameLength} characters, FNumber unique (编码已存在) and assigned by the
 * numbering rule (CUST0001, ...) when not sent, organisations that must exist, updates of a document named by its
 * FCUSTID (only the NeedUpDateFields when given), document status A -> B (submitted) -> C (audited).
 */
final class StandInCustomers implements StandInForms.Documents {
    static final String FORM = "BD_Customer";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
    /** The fields the stand-in's BD_Customer has besides the custom CRM id field (upper case). */
    private static final Set<String> FIELDS = Set.of("FCUSTID", "FNUMBER", "FNAME", "FSHORTNAME", "FCREATEORGID",
            "FUSEORGID", "FCOUNTRY", "FPROVINCIAL", "FADDRESS", "FZIP", "FWEBSITE", "FTEL", "FFAX", "FTAXREGISTERCODE",
            "FTRADINGCURRID", "FDESCRIPTION", "FDOCUMENTSTATUS", "FFORBIDSTATUS", "FCREATEDATE", "FMODIFYDATE", "FCUSTTYPEID",
            "FGROUP", "FINVOICETITLE",
            "F_CREDIT_LIMIT"); // 信用额度 as a custom decimal field (financial-summary's twin reads it)

    private final String crmIdField;
    private final Set<String> orgs;
    private final int maxNameLength;
    private final Map<Long, Map<String, Object>> docs = new LinkedHashMap<>();
    private final Map<String, Long> byNumber = new HashMap<>();
    private long nextId = 100001;
    private int nextNumber = 1;
    private LocalDateTime lastStamp = LocalDateTime.MIN;
    private String frozenStamp;

    /** A refusal of one model: Kingdee's FieldName and Message. */
    record Refusal(String field, String message) {
    }

    /** The outcome of one model's save: the saved document's id and number, or its refusals. */
    record Saved(long id, String number, List<Refusal> refusals) {
        boolean ok() {
            return refusals.isEmpty();
        }
    }

    StandInCustomers(String crmIdField, Set<String> orgs, int maxNameLength) {
        this.crmIdField = crmIdField.toUpperCase(Locale.ROOT);
        this.orgs = Set.copyOf(orgs);
        this.maxNameLength = maxNameLength;
    }

    /** True when the form has this field (a dotted reference key counts by its first part). */
    boolean hasField(String key) {
        String k = key.toUpperCase(Locale.ROOT);
        int dot = k.indexOf('.');
        String base = dot < 0 ? k : k.substring(0, dot);
        return FIELDS.contains(base) || base.equals(crmIdField);
    }

    synchronized int size() {
        return docs.size();
    }

    /** Every document, oldest first, as field -> value (reference fields as {"FNumber": ..}). */
    synchronized List<Map<String, Object>> all() {
        return docs.values().stream().map(LinkedHashMap::new).map(m -> (Map<String, Object>) m).toList();
    }

    /** Saves one model (create without FCUSTID, update with it); updates write only {@code updateFields} when given. */
    @Override
    public Saved save(Map<String, Object> model, List<String> updateFields, boolean deleteEntries) {
        return save(model, updateFields); // BD_Customer has no entry lines a save could drop
    }

    synchronized Saved save(Map<String, Object> model, List<String> updateFields) {
        Map<String, Object> in = upper(model);
        long id = longOf(in.get("FCUSTID"));
        List<Refusal> refusals = new ArrayList<>();
        Map<String, Object> current = id > 0 ? docs.get(id) : null;
        if (id > 0 && current == null) {
            return new Saved(0, null, List.of(new Refusal("FCUSTID", "内码为" + id + "的数据不存在或已被删除")));
        }
        Map<String, Object> next = current == null ? new LinkedHashMap<>() : new LinkedHashMap<>(current);
        Set<String> writes = updateFields == null || updateFields.isEmpty() || current == null ? in.keySet()
                : Set.copyOf(upper(updateFields));
        in.forEach((k, v) -> {
            if (writes.contains(k) && hasField(k) && !k.equals("FCUSTID") && !k.equals("FDOCUMENTSTATUS")) {
                next.put(k, v);
            }
        });
        Object name = next.get("FNAME");
        if (name == null || name.toString().isBlank()) {
            refusals.add(new Refusal("FName", "字段“客户名称”是必填项，请录入"));
        } else if (name.toString().codePointCount(0, name.toString().length()) > maxNameLength) {
            refusals.add(new Refusal("FName", "字段“客户名称”的长度超过了最大长度" + maxNameLength));
        }
        for (String org : List.of("FCREATEORGID", "FUSEORGID")) {
            Object ref = next.get(org);
            String n = ref instanceof Map<?, ?> m && m.get("FNumber") != null ? m.get("FNumber").toString() : null;
            if (n != null && !n.isBlank() && !orgs.contains(n)) {
                refusals.add(new Refusal(org.equals("FCREATEORGID") ? "FCreateOrgId" : "FUseOrgId", "字段“"
                        + (org.equals("FCREATEORGID") ? "创建组织" : "使用组织") + "”的值“" + n + "”在系统中不存在"));
            }
        }
        Object number = next.get("FNUMBER");
        String num = number == null || number.toString().isBlank() ? null : number.toString();
        if (num != null) {
            Long holder = byNumber.get(num);
            if (holder != null && holder != id) {
                refusals.add(new Refusal("FNUMBER", "编码已存在，请检查"));
            }
        }
        if (!refusals.isEmpty()) {
            return new Saved(0, null, refusals);
        }
        if (num == null) {
            do {
                num = String.format(Locale.ROOT, "CUST%04d", nextNumber++);
            } while (byNumber.containsKey(num));
            next.put("FNUMBER", num);
        }
        String stamp = stamp();
        if (current == null) {
            // Kingdee fills the organisations of a document saved without them with the user's current one
            String own = orgs.stream().sorted().findFirst().orElse("100");
            next.putIfAbsent("FCREATEORGID", Map.of("FNumber", own));
            next.putIfAbsent("FUSEORGID", Map.of("FNumber", own));
            id = nextId++;
            next.put("FCUSTID", id);
            next.put("FDOCUMENTSTATUS", "A");
            next.put("FFORBIDSTATUS", "A");
            next.put("FCREATEDATE", stamp);
        } else if (!num.equals(current.get("FNUMBER"))) {
            byNumber.remove(String.valueOf(current.get("FNUMBER")));
        }
        next.put("FMODIFYDATE", stamp);
        docs.put(id, next);
        byNumber.put(num, id);
        return new Saved(id, num, List.of());
    }

    /** Submit (A/D -> B) or audit (B -> C) one document by number; null when done, else Kingdee's message. */
    @Override
    public synchronized String transition(String number, boolean audit) {
        Long id = byNumber.get(number);
        if (id == null) {
            return "编码为“" + number + "”的客户不存在";
        }
        Map<String, Object> d = docs.get(id);
        String refused = StandInForms.Documents.refusedTransition("编码为“" + number + "”的客户",
                d.get("FDOCUMENTSTATUS"), audit);
        if (refused != null) {
            return refused;
        }
        d.put("FDOCUMENTSTATUS", audit ? "C" : "B");
        d.put("FMODIFYDATE", stamp());
        return null;
    }

    /** The documents the filter selects, ordered, as rows of the field keys' values. */
    synchronized List<List<Object>> query(List<String> keys, java.util.function.Predicate<Map<String, Object>> filter,
                                          String order, int start, int limit) {
        List<Map<String, Object>> selected = new ArrayList<>();
        for (Map<String, Object> d : docs.values()) {
            Map<String, Object> flat = flat(d);
            if (filter.test(flat)) {
                selected.add(flat);
            }
        }
        Comparator<Map<String, Object>> by = StandInOrder.of(order);
        if (by != null) {
            selected.sort(by);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int i = start; i < selected.size() && rows.size() < limit; i++) {
            Map<String, Object> m = selected.get(i);
            List<Object> row = new ArrayList<>();
            keys.forEach(k -> row.add(m.get(k.strip().toUpperCase(Locale.ROOT))));
            rows.add(row);
        }
        return rows;
    }

    /** Field values with references as KEY.FNUMBER too, upper-case keys. */
    private static Map<String, Object> flat(Map<String, Object> d) {
        Map<String, Object> m = new HashMap<>();
        d.forEach((k, v) -> {
            if (v instanceof Map<?, ?> ref) {
                Object n = ref.get("FNumber") != null ? ref.get("FNumber") : ref.get("FNUMBER");
                m.put(k + ".FNUMBER", n);
                m.put(k, n);
            } else {
                m.put(k, v);
            }
        });
        return m;
    }

    /** Every save from now on stamps this FModifyDate (null: the clock again), as a bulk import in one second does. */
    synchronized void freezeStamp(String stamp) {
        frozenStamp = stamp;
    }

    /** A modification stamp that never goes back and never repeats (FModifyDate with a millisecond part). */
    private String stamp() {
        if (frozenStamp != null) {
            return frozenStamp;
        }
        LocalDateTime now = LocalDateTime.now().withNano(LocalDateTime.now().getNano() / 1_000_000 * 1_000_000);
        if (!now.isAfter(lastStamp)) {
            now = lastStamp.plusNanos(1_000_000);
        }
        lastStamp = now;
        return now.format(STAMP);
    }

    private static Map<String, Object> upper(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k.toUpperCase(Locale.ROOT), v));
        return out;
    }

    private static List<String> upper(List<String> l) {
        return l.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
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
