package io.cebridge.demo.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The stand-in's bills read by ExecuteBillQuery: forms with a header (FID, FBillNo, FModifyDate ...) and the rows of
 * one entry entity. As Kingdee answers, a query naming an entry field (or ENTITY_FEntryID / ENTITY_FSeq) gives one row
 * per entry with the header's values repeated, a query of header fields one row per bill; FieldKeys the form does not
 * have are refused with {@code 元数据中标识为…的字段不存在}; rows are a bare 2-D array in FieldKeys order, paged by
 * StartRow / Limit (at most 10000). Every change stamps FModifyDate (never going back). Tests can run code after the
 * n-th page of a form was answered (a document modified while a poll reads its pages).
 */
public final class StandInBills {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    /** A form: its id, its internal id key, its entry entity (null: none) and the field keys of header and entries. */
    record Form(String formId, String idKey, String entity, Set<String> headerFields, Set<String> entryFields,
                String stampKey) {
        Form(String formId, String idKey, String entity, Set<String> headerFields, Set<String> entryFields) {
            this(formId, idKey, entity, headerFields, entryFields, "FModifyDate");
        }

        boolean has(String key) {
            String k = key.toUpperCase(Locale.ROOT);
            String base = k.contains(".") ? k.substring(0, k.indexOf('.')) : k;
            return headerFields.contains(base) || entryFields.contains(base) || k.equals(idKey) || k.equals(stampKey)
                    || entity != null && (k.equals(entity + "_FENTRYID") || k.equals(entity + "_FSEQ"));
        }

        boolean isEntryKey(String key) {
            String k = key.toUpperCase(Locale.ROOT);
            String base = k.contains(".") ? k.substring(0, k.indexOf('.')) : k;
            return entity != null && (entryFields.contains(base) || k.startsWith(entity + "_"));
        }
    }

    private final Map<String, Form> forms = new LinkedHashMap<>();
    private final Map<String, Map<Long, Map<String, Object>>> bills = new HashMap<>();
    private final Map<String, List<Runnable>> afterPage = new HashMap<>();
    private final Map<String, Integer> pagesAnswered = new HashMap<>();
    private long nextId = 200001;
    private long nextEntryId = 300001;
    private LocalDateTime lastStamp = LocalDateTime.MIN;

    synchronized void define(Form form) {
        forms.put(form.formId(), new Form(form.formId(), form.idKey().toUpperCase(Locale.ROOT),
                form.entity() == null ? null : form.entity().toUpperCase(Locale.ROOT), upper(form.headerFields()),
                upper(form.entryFields()), form.stampKey().toUpperCase(Locale.ROOT)));
        bills.putIfAbsent(form.formId(), new LinkedHashMap<>());
    }

    synchronized boolean knows(String formId) {
        return forms.containsKey(formId);
    }

    /** Adds a bill (header fields, its entries); returns its FID. The entries get their FEntryID and FSeq. */
    public synchronized long add(String formId, Map<String, Object> header, List<Map<String, Object>> entries) {
        return put(formId, 0, header, entries);
    }

    /**
     * Puts a whole bill (header and entries) as a Save does: {@code id} 0 creates one (a new FID), else it replaces
     * that bill. An entry keeping its FEntryID (ENTITY_FEntryID or FEntryID) keeps it, the others get new ones; FSeq
     * follows the list. Stamps FModifyDate; returns the FID.
     */
    synchronized long put(String formId, long id, Map<String, Object> header, List<Map<String, Object>> entries) {
        Form f = form(formId);
        if (id > 0) {
            bill(formId, id); // refuses an FID the form does not have
        }
        long fid = id > 0 ? id : nextId++;
        Map<String, Object> bill = new LinkedHashMap<>(upperKeys(header));
        bill.put(f.idKey(), fid);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> e : entries) {
            Map<String, Object> row = new LinkedHashMap<>(upperKeys(e));
            Object entryId = row.remove("FENTRYID");
            row.putIfAbsent(f.entity() + "_FENTRYID", entryId != null ? entryId : nextEntryId++);
            row.remove("FSEQ");
            row.put(f.entity() + "_FSEQ", rows.size() + 1);
            rows.add(row);
        }
        bill.put(" entries", rows);
        bill.put(f.stampKey(), stamp());
        bills.get(formId).put(fid, bill);
        return fid;
    }

    /** Changes header fields of a bill (as a Save of it would), stamping FModifyDate. */
    public synchronized void update(String formId, long id, Map<String, Object> fields) {
        Map<String, Object> bill = bill(formId, id);
        bill.putAll(upperKeys(fields));
        bill.put(form(formId).stampKey(), stamp());
    }

    /** Changes fields of the bill's entry number {@code seq} (1-based), stamping the bill's FModifyDate. */
    @SuppressWarnings("unchecked")
    public synchronized void updateEntry(String formId, long id, int seq, Map<String, Object> fields) {
        Map<String, Object> bill = bill(formId, id);
        ((List<Map<String, Object>>) bill.get(" entries")).get(seq - 1).putAll(upperKeys(fields));
        bill.put(form(formId).stampKey(), stamp());
    }

    /** A bill's header values (upper-case keys), null when there is none. */
    public synchronized Map<String, Object> get(String formId, long id) {
        Map<String, Object> b = bills.getOrDefault(formId, Map.of()).get(id);
        if (b == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>(b);
        out.remove(" entries");
        return out;
    }

    /** The first bill whose header field {@code key} holds {@code value} (a reference by its number), or null. */
    synchronized Map<String, Object> find(String formId, String key, Object value) {
        String k = key.toUpperCase(Locale.ROOT);
        for (Map<String, Object> b : bills.getOrDefault(formId, Map.of()).values()) {
            Object v = b.get(k) instanceof Map<?, ?> ref ? ref.get("FNumber") != null ? ref.get("FNumber") : ref.get("FNUMBER")
                    : b.get(k);
            if (value != null && value.toString().equals(String.valueOf(v))) {
                return get(formId, ((Number) b.get(form(formId).idKey())).longValue());
            }
        }
        return null;
    }

    /** A bill's entries (upper-case keys, ENTITY_FEntryID / ENTITY_FSeq), copies; empty when there is no such bill. */
    @SuppressWarnings("unchecked")
    public synchronized List<Map<String, Object>> entries(String formId, long id) {
        Map<String, Object> b = bills.getOrDefault(formId, Map.of()).get(id);
        return b == null ? List.of() : ((List<Map<String, Object>>) b.get(" entries")).stream()
                .<Map<String, Object>>map(LinkedHashMap::new).toList();
    }

    /** The FIDs of a form's bills, oldest first. */
    public synchronized List<Long> ids(String formId) {
        return List.copyOf(bills.getOrDefault(formId, Map.of()).keySet());
    }

    /** Runs {@code action} once, right after the {@code page}-th ExecuteBillQuery page of the form is answered (1-based). */
    public synchronized void afterPage(String formId, int page, Runnable action) {
        int target = pagesAnswered.getOrDefault(formId, 0) + page;
        afterPage.computeIfAbsent(formId + "#" + target, k -> new ArrayList<>()).add(action);
    }

    /** The answer to an ExecuteBillQuery on one of these forms; null for any other call. */
    Object answer(String method, JsonNode body, BooleanSupplier asString) {
        if (!method.equals("ExecuteBillQuery")) {
            return null;
        }
        JsonNode q = body.path("data");
        if (q.isTextual()) {
            try {
                q = io.cebridge.json.Json.MAPPER.readTree(q.textValue());
            } catch (java.io.IOException e) {
                return null;
            }
        }
        return knows(q.path("FormId").asText("")) ? query(q, asString) : null;
    }

    /** ExecuteBillQuery on one of these forms: the rows, or Kingdee's refusal wrapped in a 2-D array. */
    private Object query(JsonNode q, BooleanSupplier asString) {
        List<Runnable> then;
        Object answer;
        synchronized (this) {
            answer = select(q, asString);
            int n = pagesAnswered.merge(q.path("FormId").asText(""), 1, Integer::sum);
            then = afterPage.remove(q.path("FormId").asText("") + "#" + n);
        }
        if (then != null) {
            then.forEach(Runnable::run); // the change lands after this page, before the next one is asked for
        }
        return answer;
    }

    @SuppressWarnings("unchecked")
    private Object select(JsonNode q, BooleanSupplier asString) {
        Form f = forms.get(q.path("FormId").asText(""));
        List<String> keys = Arrays.stream(q.path("FieldKeys").asText("").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        if (keys.isEmpty()) {
            return refused(8, "参数FieldKeys不能为空", asString);
        }
        for (String k : keys) {
            if (!f.has(k)) {
                return refused(9, "元数据中标识为" + k + "的字段不存在", asString);
            }
        }
        int limit = q.path("Limit").asInt(0);
        if (limit > 10000) {
            return refused(8, "Limit不能超过10000", asString);
        }
        Predicate<Map<String, Object>> filter;
        boolean perEntry = keys.stream().anyMatch(f::isEntryKey);
        try {
            filter = StandInFilter.parse(q.path("FilterString").asText(""), k -> {
                if (!f.has(k)) {
                    throw new IllegalArgumentException("元数据中标识为" + k + "的字段不存在");
                }
                return k.toUpperCase(Locale.ROOT);
            });
        } catch (IllegalArgumentException e) {
            return refused(8, e.getMessage(), asString);
        }
        String order = q.path("OrderString").asText("");
        for (String part : order.split(",")) {
            String k = part.strip().split("\\s+")[0];
            if (!k.isEmpty() && !f.has(k)) {
                return refused(9, "元数据中标识为" + k + "的字段不存在", asString);
            }
            perEntry |= !k.isEmpty() && f.isEntryKey(k);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> bill : bills.get(f.formId()).values()) {
            Map<String, Object> head = flat(bill);
            List<Map<String, Object>> entries = (List<Map<String, Object>>) bill.get(" entries");
            if (!perEntry || entries.isEmpty()) {
                if (filter.test(head)) {
                    rows.add(head); // a bill without entries still is a row, its entry fields empty
                }
                continue;
            }
            for (Map<String, Object> e : entries) {
                Map<String, Object> row = new HashMap<>(head);
                row.putAll(flat(e));
                if (filter.test(row)) {
                    rows.add(row);
                }
            }
        }
        Comparator<Map<String, Object>> by = StandInOrder.of(order);
        if (by != null) {
            rows.sort(by);
        }
        int start = Math.max(0, q.path("StartRow").asInt(0));
        int max = limit <= 0 ? 10000 : limit;
        List<List<Object>> out = new ArrayList<>();
        for (int i = start; i < rows.size() && out.size() < max; i++) {
            Map<String, Object> m = rows.get(i);
            List<Object> row = new ArrayList<>();
            keys.forEach(k -> row.add(m.get(k.toUpperCase(Locale.ROOT))));
            out.add(row);
        }
        return out;
    }

    /** Values with references ({"FNumber": .., "FName": ..}) as KEY.FNUMBER / KEY.FNAME, and KEY as the number. */
    private static Map<String, Object> flat(Map<String, Object> d) {
        Map<String, Object> m = new HashMap<>();
        d.forEach((k, v) -> {
            if (k.startsWith(" ")) {
                return;
            }
            if (v instanceof Map<?, ?> ref) {
                ref.forEach((rk, rv) -> m.put(k + "." + rk.toString().toUpperCase(Locale.ROOT), rv));
                m.put(k, ref.get("FNumber") != null ? ref.get("FNumber") : ref.get("FNUMBER"));
            } else {
                m.put(k, v);
            }
        });
        return m;
    }

    Form form(String formId) {
        Form f = forms.get(formId);
        if (f == null) {
            throw new IllegalArgumentException("the stand-in has no form " + formId);
        }
        return f;
    }

    private Map<String, Object> bill(String formId, long id) {
        Map<String, Object> b = bills.getOrDefault(formId, Map.of()).get(id);
        if (b == null) {
            throw new IllegalArgumentException(formId + " has no FID " + id);
        }
        return b;
    }

    /** A modification stamp that never goes back and never repeats (FModifyDate with a millisecond part). */
    synchronized String stamp() {
        LocalDateTime now = LocalDateTime.now().withNano(LocalDateTime.now().getNano() / 1_000_000 * 1_000_000);
        if (!now.isAfter(lastStamp)) {
            now = lastStamp.plusNanos(1_000_000);
        }
        lastStamp = now;
        return now.format(STAMP);
    }

    private static Object refused(int msgCode, String message, BooleanSupplier asString) {
        return List.of(List.of(StandInAnswers.status(false, msgCode, List.of(StandInAnswers.error("", message, 0)),
                List.of(), asString.getAsBoolean())));
    }

    private static Set<String> upper(Set<String> s) {
        return Set.copyOf(s.stream().map(x -> x.toUpperCase(Locale.ROOT)).toList());
    }

    private static Map<String, Object> upperKeys(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k.toUpperCase(Locale.ROOT), v));
        return out;
    }
}
