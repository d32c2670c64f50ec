package io.cebridge.connector.erp.kingdee;

import io.cebridge.connector.erp.ErpRecordWriter;
import io.cebridge.error.RetriableException;
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
 * Kingdee's per-model refusals (DIndex) fail only their record, with Kingdee's message. With a claim field (the tax
 * code) documents made by hand are claimed and records sharing a value share one document (see {@link KingdeeClaims}).
 */
public final class KingdeeFormWriter implements ErpRecordWriter {
    private static final int SAVE_CHUNK = 200;
    /** The organisation fields of base data: the creating and the using one. */
    public static final List<String> BASE_DATA_ORGS = List.of("FCreateOrgId", "FUseOrgId");
    private final KingdeeForms forms;
    private final Target target;
    private final KingdeeLookup lookup;

    /**
     * {@code form}: the form id; {@code idField}: its internal id (FCUSTID, FID); {@code numberField}: its number
     * (FNumber, FBillNo); {@code crmIdField}: the custom field holding the CRM id; {@code orgNumber}: the organisation
     * (empty: the user's default) set in each of {@code orgFields} (FCreateOrgId and FUseOrgId of base data,
     * FSaleOrgId of a sales order; the last one is what documents are looked up in); {@code audit}: submit and audit
     * what is saved; {@code createOnly}: fields written when a document is made and never changed after (an order's
     * FDate), neither compared nor sent on update.
     */
    public record Target(String form, String idField, String numberField, String crmIdField, String orgNumber,
                         boolean audit, String claimField, List<String> orgFields, Set<String> createOnly) {
        /** A base-data form (organisations FCreateOrgId / FUseOrgId). */
        public Target(String form, String idField, String numberField, String crmIdField, String orgNumber, boolean audit,
                      String claimField) {
            this(form, idField, numberField, crmIdField, orgNumber, audit, claimField, BASE_DATA_ORGS, Set.of());
        }

        /** Without claiming documents made by hand. */
        public Target(String form, String idField, String numberField, String crmIdField, String orgNumber, boolean audit) {
            this(form, idField, numberField, crmIdField, orgNumber, audit, null);
        }

        /** The organisation field documents are looked up in (FUseOrgId, FSaleOrgId). */
        String orgFilterField() {
            return orgFields.get(orgFields.size() - 1);
        }

        boolean orgField(String key) {
            return orgFields.stream().anyMatch(f -> f.equalsIgnoreCase(key));
        }

        boolean createOnly(String key) {
            return createOnly.stream().anyMatch(f -> f.equalsIgnoreCase(key));
        }
    }

    public KingdeeFormWriter(KingdeeForms forms, Target target) {
        this.forms = forms;
        this.target = target;
        this.lookup = new KingdeeLookup(forms, target);
    }

    @Override
    public String claimField() {
        return target.claimField();
    }

    @Override
    public List<Outcome> write(List<Input> records) {
        Outcome[] out = new Outcome[records.size()];
        List<Map<String, Object>> models = records.stream().map(this::model).toList();
        Map<String, KingdeeLookup.Found> found = new HashMap<>();
        // the oldest document of a CRM id is its own (a second one would have been made around ce-bridge)
        lookup.by(target.crmIdField(), records.stream().map(Input::crmId).distinct().toList(), models)
                .forEach((crmId, docs) -> found.put(crmId, docs.get(0)));
        List<Integer> creates = new ArrayList<>();
        Writes updates = new Writes();
        for (int i = 0; i < records.size(); i++) {
            KingdeeLookup.Found f = found.get(records.get(i).crmId());
            if (f == null) {
                creates.add(i);
            } else if (KingdeeLookup.same(changeable(models.get(i)), f.values())) {
                out[i] = new Outcome(Outcome.Kind.UNCHANGED, f.number(), null, f.id());
            } else {
                updates.add(i, updateModel(f, models.get(i)));
            }
        }
        Writes claims = new Writes();
        Map<Integer, Integer> linkedTo = target.claimField() == null ? Map.of()
                : new KingdeeClaims(lookup, target, this).decide(creates, models, claims, out);
        creates.removeIf(i -> claims.idx.contains(i) || out[i] != null || linkedTo.containsKey(i));
        save(updates.idx, updates.models, Outcome.Kind.UPDATED, out, records);
        save(claims.idx, claims.models, Outcome.Kind.CLAIMED, out, records);
        save(creates, creates.stream().map(models::get).toList(), Outcome.Kind.CREATED, out, records);
        linkedTo.forEach((i, first) -> out[i] = out[first].kind() == Outcome.Kind.FAILED
                ? Outcome.failed("shares its " + target.claimField() + " with record " + records.get(first).crmId()
                        + ", whose " + target.form() + " could not be created (see that record's dead letter)")
                : new Outcome(Outcome.Kind.LINKED, out[first].number(), null, out[first].id()));
        if (target.audit()) {
            audit(out, found, records);
        }
        return Arrays.asList(out);
    }

    /** Models to save with the records they belong to. */
    static final class Writes {
        final List<Integer> idx = new ArrayList<>();
        final List<Map<String, Object>> models = new ArrayList<>();

        void add(int i, Map<String, Object> model) {
            idx.add(i);
            models.add(model);
        }
    }

    /** An update of a found document: its internal id and the mapped fields; organisations and create-only stay. */
    Map<String, Object> updateModel(KingdeeLookup.Found f, Map<String, Object> model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(target.idField(), f.id());
        m.putAll(changeable(model));
        return m;
    }

    /** The model without the fields an update never changes (organisations, create-only fields). */
    private Map<String, Object> changeable(Map<String, Object> model) {
        Map<String, Object> m = new LinkedHashMap<>();
        model.forEach((k, v) -> {
            if (!target.orgField(k) && !target.createOnly(k)) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** The mapped document with the CRM id and, when configured, the organisation. */
    private Map<String, Object> model(Input in) {
        Map<String, Object> m = new LinkedHashMap<>(in.document());
        m.put(target.crmIdField(), in.crmId());
        if (!target.orgNumber().isBlank()) {
            target.orgFields().forEach(f -> m.putIfAbsent(f, Map.of("FNumber", target.orgNumber())));
        }
        return m;
    }

    /** BatchSave in chunks; per-model outcomes by DIndex (see {@link #settle}). */
    private void save(List<Integer> idx, List<Map<String, Object>> models, Outcome.Kind kind, Outcome[] out,
                      List<Input> records) {
        for (int from = 0; from < idx.size(); from += SAVE_CHUNK) {
            int to = Math.min(idx.size(), from + SAVE_CHUNK);
            List<Integer> chunk = idx.subList(from, to);
            List<Map<String, Object>> chunkModels = models.subList(from, to);
            // a document with entries (lines) is sent whole: its lines replace the ones Kingdee holds (IsDeleteEntry)
            boolean whole = chunkModels.stream().anyMatch(m -> m.values().stream().anyMatch(v -> v instanceof List));
            List<String> fields = kind == Outcome.Kind.CREATED || whole ? List.of() : updateFields(chunkModels);
            settle(forms.batchSave(target.form(), chunkModels, fields, whole), chunk, kind, out, records);
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
                out[chunk.get(s.dIndex())] = new Outcome(kind, s.number(), null, s.id());
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
    private void audit(Outcome[] out, Map<String, KingdeeLookup.Found> found, List<Input> records) {
        Map<String, List<Integer>> byNumber = new LinkedHashMap<>();
        for (int i = 0; i < out.length; i++) {
            Outcome o = out[i];
            if (o == null || o.kind() == Outcome.Kind.FAILED || o.number() == null) {
                continue;
            }
            if (o.kind() == Outcome.Kind.LINKED) {
                continue; // another record's document, audited with it
            }
            KingdeeLookup.Found f = found.get(records.get(i).crmId());
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

}
