package io.cebridge.connector.erp.kingdee;

import io.cebridge.connector.erp.ErpRecordWriter;
import io.cebridge.error.RetriableException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes mapped models into one Kingdee base-data form (BD_Customer) at most once. Kingdee has no idempotency key,
 * so every batch first looks its documents up by the CRM id field (ExecuteBillQuery): found and equal is unchanged,
 * found and different is an update of that document (its internal id, NeedUpDateFields), not found is a create
 * (BatchSave, numbered by Kingdee's own rule unless the model names FNumber). A Save applied by Kingdee but answered
 * after the timeout surfaces as retriable; the retry's look-up finds the document and never saves it twice.
 * Kingdee's per-model refusals (DIndex) fail only their record, with Kingdee's message.
 */
public final class KingdeeFormWriter implements ErpRecordWriter {
    private static final int LOOKUP_CHUNK = 500;
    private static final int SAVE_CHUNK = 200;
    private static final Set<String> ORG_FIELDS = Set.of("FCREATEORGID", "FUSEORGID");
    private final KingdeeForms forms;
    private final Target target;

    /**
     * {@code form}: the form id; {@code idField}: its internal id (FCUSTID); {@code numberField}: its number
     * (FNumber); {@code crmIdField}: the custom field holding the CRM id; {@code orgNumber}: the creating and using
     * organisation (empty: the user's default); {@code audit}: submit and audit what is saved.
     */
    public record Target(String form, String idField, String numberField, String crmIdField, String orgNumber,
                         boolean audit) {
    }

    private record Found(String id, String number, String status, Map<String, Object> values) {
    }

    public KingdeeFormWriter(KingdeeForms forms, Target target) {
        this.forms = forms;
        this.target = target;
    }

    @Override
    public List<Outcome> write(List<Input> records) {
        Outcome[] out = new Outcome[records.size()];
        List<Map<String, Object>> models = records.stream().map(this::model).toList();
        Map<String, Found> found = find(records.stream().map(Input::crmId).distinct().toList(), models);
        List<Integer> creates = new ArrayList<>();
        List<Integer> updates = new ArrayList<>();
        List<Map<String, Object>> updateModels = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Found f = found.get(records.get(i).crmId());
            if (f == null) {
                creates.add(i);
            } else if (same(models.get(i), f.values())) {
                out[i] = new Outcome(Outcome.Kind.UNCHANGED, f.number(), null);
            } else {
                updates.add(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(target.idField(), f.id());
                models.get(i).forEach((k, v) -> {
                    if (!ORG_FIELDS.contains(k.toUpperCase(Locale.ROOT))) {
                        m.put(k, v);
                    }
                });
                updateModels.add(m);
            }
        }
        save(updates, updateModels, Outcome.Kind.UPDATED, out, records);
        save(creates, creates.stream().map(models::get).toList(), Outcome.Kind.CREATED, out, records);
        if (target.audit()) {
            audit(out, found, records);
        }
        return Arrays.asList(out);
    }

    /** The mapped document with the CRM id and, when configured, the organisation. */
    private Map<String, Object> model(Input in) {
        Map<String, Object> m = new LinkedHashMap<>(in.document());
        m.put(target.crmIdField(), in.crmId());
        if (!target.orgNumber().isBlank()) {
            m.putIfAbsent("FCreateOrgId", Map.of("FNumber", target.orgNumber()));
            m.putIfAbsent("FUseOrgId", Map.of("FNumber", target.orgNumber()));
        }
        return m;
    }

    /** The documents carrying these CRM ids, with the values of the fields the models write. */
    private Map<String, Found> find(List<String> crmIds, List<Map<String, Object>> models) {
        Set<String> keys = new LinkedHashSet<>(List.of(target.idField(), target.numberField(), target.crmIdField(),
                "FDocumentStatus"));
        for (Map<String, Object> m : models) {
            m.forEach((k, v) -> {
                String q = queryKey(k, v);
                if (q != null && keys.stream().noneMatch(x -> x.equalsIgnoreCase(q))) {
                    keys.add(q);
                }
            });
        }
        List<String> fieldKeys = List.copyOf(keys);
        Map<String, Found> out = new HashMap<>();
        for (int from = 0; from < crmIds.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = crmIds.subList(from, Math.min(crmIds.size(), from + LOOKUP_CHUNK));
            StringBuilder filter = new StringBuilder(target.crmIdField()).append(" IN (");
            for (int i = 0; i < chunk.size(); i++) {
                filter.append(i == 0 ? "" : ",").append(quote(chunk.get(i)));
            }
            filter.append(')');
            if (!target.orgNumber().isBlank()) {
                filter.append(" AND FUseOrgId.FNumber = ").append(quote(target.orgNumber()));
            }
            for (List<Object> row : forms.query(target.form(), fieldKeys, filter.toString(), target.idField() + " ASC",
                    KingdeeForms.MAX_PAGE)) {
                Map<String, Object> values = new HashMap<>();
                for (int i = 0; i < fieldKeys.size(); i++) {
                    values.put(fieldKeys.get(i).toUpperCase(Locale.ROOT), row.get(i));
                }
                // the oldest document of a CRM id is its own (a second one would have been made around ce-bridge)
                out.putIfAbsent(String.valueOf(row.get(2)), new Found(text(row.get(0)), text(row.get(1)),
                        text(row.get(3)), values));
            }
        }
        return out;
    }

    /** The query key of a model field: itself for a value, K.FNumber for a reference by number, null if not comparable. */
    private static String queryKey(String key, Object value) {
        if (value instanceof Map<?, ?> ref) {
            return ref.size() == 1 && ref.containsKey("FNumber") ? key + ".FNumber" : null;
        }
        return value instanceof List ? null : key;
    }

    /** True when every field of the model holds what Kingdee holds; a model with entries is never taken as equal. */
    private static boolean same(Map<String, Object> model, Map<String, Object> stored) {
        for (Map.Entry<String, Object> e : model.entrySet()) {
            String q = queryKey(e.getKey(), e.getValue());
            if (q == null) {
                return false;
            }
            Object mine = e.getValue() instanceof Map<?, ?> ref ? ref.get("FNumber") : e.getValue();
            if (!equal(mine, stored.get(q.toUpperCase(Locale.ROOT)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean equal(Object mine, Object theirs) {
        String a = mine == null ? "" : mine.toString();
        String b = theirs == null ? "" : theirs.toString();
        if (a.equals(b)) {
            return true;
        }
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** BatchSave in chunks; per-model outcomes by DIndex (see {@link #settle}). */
    private void save(List<Integer> idx, List<Map<String, Object>> models, Outcome.Kind kind, Outcome[] out,
                      List<Input> records) {
        for (int from = 0; from < idx.size(); from += SAVE_CHUNK) {
            int to = Math.min(idx.size(), from + SAVE_CHUNK);
            List<Integer> chunk = idx.subList(from, to);
            List<Map<String, Object>> chunkModels = models.subList(from, to);
            List<String> fields = kind == Outcome.Kind.UPDATED ? updateFields(chunkModels) : List.of();
            settle(forms.batchSave(target.form(), chunkModels, fields), chunk, kind, out, records);
        }
    }

    private List<String> updateFields(List<Map<String, Object>> models) {
        Set<String> fields = new LinkedHashSet<>();
        models.forEach(m -> m.keySet().stream().filter(k -> !k.equalsIgnoreCase(target.idField())).forEach(fields::add));
        return List.copyOf(fields);
    }

    /**
     * Applies a BatchSave answer: saved models by their DIndex, refused ones failed with Kingdee's messages. A refusal
     * naming no model is split: each record is looked up and written alone. A model the answer does not mention is
     * retried as a whole step (its look-up tells whether Kingdee saved it).
     */
    private void settle(KingdeeStatus st, List<Integer> chunk, Outcome.Kind kind, Outcome[] out, List<Input> records) {
        Map<Integer, List<String>> refused = new LinkedHashMap<>();
        List<String> unplaced = new ArrayList<>();
        // Kingdee also puts DIndex 0 on refusals of the whole call: only validation answers name a model
        boolean perModel = st.msgCode() == 0 || st.msgCode() == 9 || st.msgCode() == KingdeeStatus.VALIDATION_FAILED;
        for (KingdeeStatus.Problem p : st.errors()) {
            if (perModel && p.dIndex() >= 0 && p.dIndex() < chunk.size()) {
                refused.computeIfAbsent(p.dIndex(), k -> new ArrayList<>()).add(p.toString());
            } else {
                unplaced.add(p.toString());
            }
        }
        for (KingdeeStatus.Saved s : st.saved()) {
            if (s.dIndex() >= 0 && s.dIndex() < chunk.size() && !refused.containsKey(s.dIndex())) {
                out[chunk.get(s.dIndex())] = new Outcome(kind, s.number(), null);
            }
        }
        refused.forEach((d, msgs) -> out[chunk.get(d)] = Outcome.failed("Kingdee refused the " + target.form() + ": "
                + String.join("; ", msgs)));
        if (!st.success() && st.saved().isEmpty() && refused.isEmpty()) {
            if (chunk.size() == 1) {
                out[chunk.get(0)] = Outcome.failed("Kingdee refused the " + target.form() + ": " + st.messages());
                return;
            }
            for (int i : chunk) { // a refusal of the whole batch: find the record it is about
                out[i] = write(List.of(records.get(i))).get(0);
            }
            return;
        }
        long missing = chunk.stream().filter(i -> out[i] == null).count();
        if (missing > 0) {
            throw new RetriableException("Kingdee BatchSave of " + target.form() + " answered for " + (chunk.size() - missing)
                    + " of " + chunk.size() + " models" + (unplaced.isEmpty() ? "" : " (" + String.join("; ", unplaced)
                    + ")") + "; the others are looked up by their CRM id on the retry", null);
        }
    }

    /** Submits and audits what was saved, and what was found saved but not yet audited. */
    private void audit(Outcome[] out, Map<String, Found> found, List<Input> records) {
        Map<String, List<Integer>> byNumber = new LinkedHashMap<>();
        for (int i = 0; i < out.length; i++) {
            Outcome o = out[i];
            if (o == null || o.kind() == Outcome.Kind.FAILED || o.number() == null) {
                continue;
            }
            Found f = found.get(records.get(i).crmId());
            if (o.kind() == Outcome.Kind.CREATED || f == null || !"C".equals(f.status())) {
                byNumber.computeIfAbsent(o.number(), k -> new ArrayList<>()).add(i);
            }
        }
        List<String> numbers = List.copyOf(byNumber.keySet());
        for (int from = 0; from < numbers.size(); from += SAVE_CHUNK) {
            List<String> chunk = numbers.subList(from, Math.min(numbers.size(), from + SAVE_CHUNK));
            List<String> submitted = refuseFailed("submit", forms.submit(target.form(), chunk), chunk, byNumber, out);
            if (!submitted.isEmpty()) {
                refuseFailed("audit", forms.audit(target.form(), submitted), submitted, byNumber, out);
            }
        }
    }

    /** Fails the records Kingdee refused to submit / audit (an already audited one is fine); returns the others. */
    private List<String> refuseFailed(String step, KingdeeStatus st, List<String> numbers,
                                      Map<String, List<Integer>> byNumber, Outcome[] out) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (KingdeeStatus.Problem p : st.errors()) {
            if (p.message() != null && (p.message().contains("已经审核") || p.message().contains("已审核"))) {
                continue;
            }
            if (p.dIndex() >= 0 && p.dIndex() < numbers.size()) {
                refused.merge(numbers.get(p.dIndex()), p.toString(), (a, b) -> a + "; " + b);
            } else if (!st.success() && st.saved().isEmpty()) {
                numbers.forEach(n -> refused.merge(n, p.toString(), (a, b) -> a + "; " + b));
            }
        }
        refused.forEach((number, msg) -> byNumber.get(number).forEach(i -> out[i] = Outcome.failed("saved in Kingdee as "
                + number + " but Kingdee refused to " + step + " it: " + msg)));
        return numbers.stream().filter(n -> !refused.containsKey(n)).toList();
    }

    private static String quote(String v) {
        return "'" + v.replace("'", "''") + "'";
    }

    private static String text(Object v) {
        return v == null ? null : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
    }
}
