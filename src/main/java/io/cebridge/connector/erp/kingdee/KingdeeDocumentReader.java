package io.cebridge.connector.erp.kingdee;

import io.cebridge.connector.erp.jdbc.ErpRowValues;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads documents of a Kingdee form by their business numbers with ExecuteBillQuery and builds the canonical
 * documents the flow's mappings read, as its {@link KingdeeDocumentForm} declares: one row per entry (the header's
 * values repeated on each), grouped by internal id, the lines in entry order. A value that cannot be what its field
 * declares (a date that is no date, a code the value map does not list) holds its document back with a reason naming
 * the form, the FID, the field key and the value; the other documents are read as usual.
 */
public final class KingdeeDocumentReader {
    /** Key of the canonical document naming where it was read: "Kingdee SAL_SaleOrder FID 100001 (FBillNo ...)". */
    public static final String SOURCE = "_erpSource";
    private static final int CHUNK = 200;
    private final KingdeeForms forms;
    private final KingdeeDocumentForm spec;
    private final List<String> fieldKeys;
    private final String orgNumber;

    public KingdeeDocumentReader(KingdeeForms forms, KingdeeDocumentForm spec) {
        this(forms, spec, "");
    }

    /**
     * {@code orgNumber} (bridge.erp.kingdee.org-number, blank: none): every query, the document's and its children's,
     * is restricted to that organisation by the form's organisation field, which each form must then declare.
     */
    public KingdeeDocumentReader(KingdeeForms forms, KingdeeDocumentForm spec, String orgNumber) {
        this.forms = forms;
        this.spec = spec;
        this.fieldKeys = spec.fieldKeys();
        this.orgNumber = orgNumber == null ? "" : orgNumber.strip();
        if (!this.orgNumber.isEmpty()) {
            org(spec.form(), spec.orgField());
            spec.children().forEach(c -> org(c.form(), c.orgField()));
        }
    }

    /** The organisation filter of a form read here; refuses a form without an organisation field when one is set. */
    private KingdeeOrgFilter org(String form, String field) {
        if (orgNumber.isEmpty()) {
            return KingdeeOrgFilter.NONE;
        }
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException(spec.document() + ": form " + form + " names no organisation field (org:)"
                    + " and bridge.erp.kingdee.org-number is set: its reads could not be limited to organisation "
                    + orgNumber);
        }
        return new KingdeeOrgFilter(field, orgNumber);
    }

    public KingdeeDocumentForm spec() {
        return spec;
    }

    /** Business number -> canonical document, for those of {@code keys} Kingdee still has. */
    public Map<String, Map<String, Object>> load(List<String> keys) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            String filter = filter(spec.keyField(), chunk);
            String order = spec.idField() + " ASC" + (spec.entity() == null ? "" : ", " + spec.entrySeqKey() + " ASC");
            Map<String, List<Map<String, Object>>> rowsById = new LinkedHashMap<>();
            for (List<Object> row : forms.query(spec.form(), fieldKeys, org(spec.form(), spec.orgField()).and(filter),
                    order, KingdeeForms.MAX_PAGE)) {
                Map<String, Object> byKey = new LinkedHashMap<>();
                for (int i = 0; i < fieldKeys.size(); i++) {
                    byKey.put(fieldKeys.get(i).toUpperCase(Locale.ROOT), row.get(i));
                }
                rowsById.computeIfAbsent(KingdeeLookup.text(row.get(0)), k -> new ArrayList<>()).add(byKey);
            }
            Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
            rowsById.forEach((id, rows) -> {
                String number = KingdeeLookup.text(rows.get(0).get(spec.keyField().toUpperCase(Locale.ROOT)));
                if (number != null && !out.containsKey(number) && !docs.containsKey(number)) {
                    docs.put(number, document(id, number, rows)); // two documents with one number: the older one
                }
            });
            for (KingdeeDocumentForm.Child child : spec.children()) {
                children(child, filter(child.parentKey(), List.copyOf(docs.keySet())), docs);
            }
            out.putAll(docs);
        }
        return out;
    }

    /** Reads a child list of every document of {@code docs} (by number) in one query, read to the end. */
    private void children(KingdeeDocumentForm.Child child, String filter, Map<String, Map<String, Object>> docs) {
        docs.values().forEach(d -> d.put(child.name(), new ArrayList<Map<String, Object>>()));
        if (docs.isEmpty()) {
            return;
        }
        List<String> keys = child.fieldKeys();
        String order = child.parentKey() + " ASC" + (child.orderBy() == null ? "" : ", " + child.orderBy() + " ASC");
        for (List<Object> row : forms.query(child.form(), keys, org(child.form(), child.orgField()).and(filter), order,
                KingdeeForms.MAX_PAGE)) {
            Map<String, Object> byKey = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                byKey.put(keys.get(i).toUpperCase(Locale.ROOT), row.get(i));
            }
            Map<String, Object> doc = docs.get(KingdeeLookup.text(row.get(0)));
            if (doc == null) {
                continue;
            }
            List<String> problems = new ArrayList<>();
            Map<String, Object> item = new LinkedHashMap<>();
            for (KingdeeDocumentForm.Field f : child.fields()) {
                item.put(f.name(), value(f, byKey, problems));
            }
            if (!problems.isEmpty()) {
                doc.putIfAbsent(ErpRowValues.PROBLEM, doc.get(SOURCE) + ": " + child.name() + " (" + child.form() + "): "
                        + String.join("; ", problems));
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) doc.get(child.name());
            list.add(item);
        }
    }

    private static String filter(String field, List<String> values) {
        StringBuilder filter = new StringBuilder(field).append(" IN (");
        for (int i = 0; i < values.size(); i++) {
            filter.append(i == 0 ? "" : ",").append(KingdeeLookup.quote(values.get(i)));
        }
        return filter.append(')').toString();
    }

    private Map<String, Object> document(String id, String number, List<Map<String, Object>> rows) {
        String source = "Kingdee " + spec.form() + " " + spec.idField() + " " + id + " (" + spec.keyField() + " "
                + number + ")";
        List<String> problems = new ArrayList<>();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(SOURCE, source);
        for (KingdeeDocumentForm.Field f : spec.header()) {
            doc.put(f.name(), value(f, rows.get(0), problems));
        }
        if (spec.entity() != null) {
            List<Map<String, Object>> lines = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            String entryId = spec.entryIdKey().toUpperCase(Locale.ROOT);
            for (Map<String, Object> row : rows) {
                String e = KingdeeLookup.text(row.get(entryId));
                if (e == null || e.isBlank() || e.equals("0") || !seen.add(e)) {
                    continue; // a document without entries comes as one row without an entry id
                }
                Map<String, Object> line = new LinkedHashMap<>();
                for (KingdeeDocumentForm.Field f : spec.entries()) {
                    line.put(f.name(), value(f, row, problems));
                }
                lines.add(line);
            }
            doc.put(spec.entriesName(), lines);
        }
        if (!problems.isEmpty()) {
            doc.put(ErpRowValues.PROBLEM, source + ": " + String.join("; ", problems));
        }
        return doc;
    }

    private static Object value(KingdeeDocumentForm.Field f, Map<String, Object> row, List<String> problems) {
        List<Object> raw = new ArrayList<>();
        f.keys().forEach(k -> raw.add(row.get(k.toUpperCase(Locale.ROOT))));
        String where = String.join("|", f.keys());
        if (f.values() != null) {
            List<String> parts = new ArrayList<>();
            raw.forEach(v -> parts.add(v == null ? "" : KingdeeLookup.text(v).strip()));
            String code = String.join("|", parts);
            var mapped = f.values().apply(code);
            if (mapped.isEmpty()) {
                problems.add(where + " holds '" + code + "', which " + f.valuesName() + " does not list");
                return null;
            }
            return convert(f, where, mapped.get(), problems);
        }
        return convert(f, where, raw.get(0), problems);
    }

    private static Object convert(KingdeeDocumentForm.Field f, String key, Object v, List<String> problems) {
        if (v == null || v instanceof String s && s.isBlank()) {
            return null;
        }
        String text = KingdeeLookup.text(v).strip();
        try {
            return switch (f.type()) {
                case TEXT -> text;
                case DECIMAL -> v instanceof BigDecimal d ? d : new BigDecimal(text);
                case INTEGER -> (v instanceof BigDecimal d ? d : new BigDecimal(text)).intValueExact();
                case DATE -> date(text);
            };
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            problems.add(key + " holds '" + text + "', which is not " + (f.type() == KingdeeDocumentForm.Type.INTEGER
                    ? "an integer" : "a " + f.type().name().toLowerCase(Locale.ROOT)));
            return null;
        }
    }

    /** Kingdee's dates come as 2026-11-30T00:00:00 (a datetime at midnight); canonical dates are yyyy-MM-dd. */
    private static String date(String text) {
        if (text.length() > 10) {
            return LocalDateTime.parse(text.replace(' ', 'T')).toLocalDate().toString();
        }
        return LocalDate.parse(text).toString();
    }
}
