package io.cebridge.flow.erptocrm;

import io.cebridge.connector.erp.kingdee.KingdeeChangeForm;
import io.cebridge.connector.erp.kingdee.KingdeeDocumentForm;
import io.cebridge.connector.erp.kingdee.KingdeeDocumentReader;
import io.cebridge.connector.erp.kingdee.KingdeeForms;
import io.cebridge.mapping.MappingException;
import io.cebridge.mapping.ValueMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An ERP -> CRM flow's documents when the ERP is Kingdee (bridge.erp.type=kingdee), read from the twin of its
 * documents.yaml, {@code documents.kingdee.yaml}: which form each canonical document is read from and which field
 * key fills which canonical field, so the flow's mappings stay the ones the JDBC ERP uses. A mistake names the file
 * and the entry.
 *
 * <pre>
 * documents:
 *   - name: sales-order                    # the canonical document type (as in documents.yaml)
 *     form: SAL_SaleOrder                  # the Kingdee form (FormId)
 *     id: FID                              # internal id: the tie-break of the (stamp, id) watermark
 *     stamp: FModifyDate                   # modification stamp
 *     number: FBillNo                      # the business number: the document's key
 *     fields:                              # canonical field: field key, or {key, type, values} / {keys, values}
 *       orderNo: FBillNo
 *       orderDate: {key: FDate, type: date}                    # text (default), decimal, integer, date
 *       status: {keys: [FCancelStatus, FDocumentStatus], values: kingdee-order-status.csv}   # "B|C" looked up
 *     entries:                             # optional: the lines, one per row of an entry entity
 *       entity: FSaleOrderEntry
 *       name: lines
 *       fields: {lineNo: {key: FSaleOrderEntry_FSeq, type: integer}, productCode: FMaterialId.FNumber}
 *     children:                            # optional: lists read from other forms by the document's number
 *       - {name: stock, form: STK_Inventory, parent: FMaterialId.FNumber, orderBy: FStockId.FNumber, fields: {...}}
 *     empty: [prices]                      # optional: lists the mapping reads that are sent empty
 *     org: FSaleOrgId.FNumber              # the form's organisation field: reads filtered by org-number
 *     aggregate: financial-summary         # optional: the document is summed up (FinancialSummaryOfDocuments)
 *     mapping: sales-order-to-salesforce.jsonata
 *     customerField: customerNo
 * dailyRefresh: customer                   # optional: every document of this type again once per ERP day
 * changes:                                 # optional: other forms whose changed rows name a document
 *   - {form: STK_Inventory, id: FID, stamp: FUpdateTime, names: FMaterialId.FNumber, document: product,
 *      org: FStockOrgId.FNumber}
 * </pre>
 * Children and changes take {@code org:} too. With {@code bridge.erp.kingdee.org-number} set, every form read must
 * name its organisation field, or the flow does not start.
 */
public final class KingdeeDocumentSpec {
    public static final String SUFFIX = ".kingdee.yaml";

    private KingdeeDocumentSpec() {
    }

    /**
     * The flow's forms to poll (each document's own, then those of changes:), document types (to load and map) and the
     * document every one of which is named again once per ERP business day ({@code dailyRefresh:}, null: none).
     */
    public record Declared(List<KingdeeChangeForm> forms, List<DocumentType> documents, String dailyRefresh) {
    }

    /** The Kingdee twin of {@code relative} (a/documents.yaml -> a/documents.kingdee.yaml), null when there is none. */
    public static String twin(Path mappingsRoot, String relative) {
        if (relative == null || !relative.endsWith(".yaml")) {
            return null;
        }
        String twin = relative.substring(0, relative.length() - ".yaml".length()) + SUFFIX;
        return Files.isRegularFile(mappingsRoot.resolve(twin)) ? twin : null;
    }

    public static Declared load(Path mappingsRoot, String relative, KingdeeForms client) {
        return load(mappingsRoot, relative, client, "", java.time.Clock.systemDefaultZone());
    }

    /**
     * {@code orgNumber}: the organisation every read is limited to (blank: none); {@code clock}: the ERP's business day,
     * the as-of date of aggregated documents.
     */
    public static Declared load(Path mappingsRoot, String relative, KingdeeForms client, String orgNumber,
                                java.time.Clock clock) {
        Path file = mappingsRoot.resolve(relative);
        Map<?, ?> root = map(io.cebridge.mapping.YamlFile.read(file), file + ": not a YAML object with documents");
        String dir = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/') + 1) : "";
        Path base = mappingsRoot.resolve(dir);
        List<KingdeeChangeForm> forms = new ArrayList<>();
        List<DocumentType> documents = new ArrayList<>();
        if (!(root.get("documents") instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(file + ": documents must be a non-empty list");
        }
        for (Object o : list) {
            Map<?, ?> d = map(o, file + ": each document is {name, form, id, stamp, number, fields, mapping, ...}");
            String name = text(d, "name", file);
            String where = file + ": document " + name;
            List<KingdeeDocumentForm.Field> header = fields(d.get("fields"), where + ": fields", base, dir);
            String entity = null;
            String entriesName = null;
            List<KingdeeDocumentForm.Field> entries = List.of();
            if (d.get("entries") != null) {
                Map<?, ?> e = map(d.get("entries"), where + ": entries is {entity, name, fields}");
                entity = text(e, "entity", file);
                entriesName = text(e, "name", file);
                entries = fields(e.get("fields"), where + ": entries.fields", base, dir);
            }
            List<KingdeeDocumentForm.Child> children = new ArrayList<>();
            if (d.get("children") != null) {
                if (!(d.get("children") instanceof List<?> cl)) {
                    throw new IllegalArgumentException(where + ": children must be a list");
                }
                for (Object co : cl) {
                    Map<?, ?> c = map(co, where + ": each child is {name, form, parent, orderBy, fields}");
                    children.add(new KingdeeDocumentForm.Child(text(c, "name", file), text(c, "form", file),
                            text(c, "parent", file), c.get("orderBy") == null ? null : c.get("orderBy").toString(),
                            fields(c.get("fields"), where + ": children." + c.get("name") + ".fields", base, dir),
                            opt(c, "org", null)));
                }
            }
            KingdeeDocumentForm form = new KingdeeDocumentForm(name, text(d, "form", file), opt(d, "id", "FID"),
                    opt(d, "stamp", "FModifyDate"), text(d, "number", file), header, entity, entriesName, entries,
                    children, opt(d, "org", null));
            forms.add(new KingdeeChangeForm(form.form(), form.idField(), form.stampField(), form.keyField(), name,
                    form.orgField()));
            KingdeeDocumentReader reader;
            try {
                reader = new KingdeeDocumentReader(client, form, orgNumber);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
            String aggregate = opt(d, "aggregate", null);
            if (aggregate != null && !aggregate.equals("financial-summary")) {
                throw new IllegalArgumentException(where + ": aggregate is financial-summary or absent, got '" + aggregate
                        + "'");
            }
            // lists the mapping reads that Kingdee does not provide here (a product's prices): sent empty, not absent
            List<String> empty = d.get("empty") instanceof List<?> l ? l.stream().map(Object::toString).toList() : List.of();
            DocumentLoader loader = keys -> {
                Map<String, Map<String, Object>> docs = reader.load(keys);
                docs.values().forEach(doc -> empty.forEach(e -> doc.putIfAbsent(e, List.of())));
                return aggregate == null ? docs : summaries(docs, java.time.LocalDate.now(clock));
            };
            documents.add(new DocumentType(name, loader, dir + text(d, "mapping", file),
                    d.get("customerField") == null ? null : d.get("customerField").toString()));
        }
        if (root.get("changes") != null) {
            if (!(root.get("changes") instanceof List<?> cl)) {
                throw new IllegalArgumentException(file + ": changes must be a list");
            }
            for (Object o : cl) {
                Map<?, ?> c = map(o, file + ": each change is {form, id, stamp, names, document}");
                String doc = text(c, "document", file);
                if (documents.stream().noneMatch(t -> t.name().equals(doc))) {
                    throw new IllegalArgumentException(file + ": change form " + c.get("form") + " names document '" + doc
                            + "', which documents does not declare");
                }
                forms.add(new KingdeeChangeForm(text(c, "form", file), opt(c, "id", "FID"), opt(c, "stamp", "FModifyDate"),
                        text(c, "names", file), doc, opt(c, "org", null)));
            }
        }
        java.util.Set<String> polled = new java.util.HashSet<>();
        for (KingdeeChangeForm f : forms) {
            if (!polled.add(f.form())) { // one watermark per form and flow
                throw new IllegalArgumentException(file + ": form " + f.form() + " is polled twice; name it once");
            }
        }
        String daily = root.get("dailyRefresh") == null ? null : root.get("dailyRefresh").toString();
        if (daily != null && documents.stream().noneMatch(t -> t.name().equals(daily))) {
            throw new IllegalArgumentException(file + ": dailyRefresh names '" + daily + "', which documents does not"
                    + " declare");
        }
        return new Declared(forms, documents, daily);
    }

    /**
     * Each customer document summed up as of {@code asOf} (FinancialSummaryOfDocuments, summary.sql's rules); a document
     * that could not be read, or whose summary cannot be computed, keeps its key with the reason (dead-lettered).
     */
    private static Map<String, Map<String, Object>> summaries(Map<String, Map<String, Object>> docs,
                                                              java.time.LocalDate asOf) {
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        docs.forEach((no, doc) -> {
            if (doc.get(DocumentLoader.PROBLEM) != null) {
                out.put(no, doc);
                return;
            }
            Map<String, Object> summary = new java.util.LinkedHashMap<>(
                    io.cebridge.flow.financialsummary.FinancialSummaryOfDocuments.compute(doc, asOf));
            Object error = summary.remove(io.cebridge.flow.financialsummary.FinancialSummaryQuery.ERROR);
            if (error != null) {
                summary.put(DocumentLoader.PROBLEM, doc.get(DocumentLoader.SOURCE) + ": " + error);
            }
            summary.put(DocumentLoader.SOURCE, doc.get(DocumentLoader.SOURCE));
            out.put(no, summary);
        });
        return out;
    }

    private static List<KingdeeDocumentForm.Field> fields(Object o, String where, Path base, String dir) {
        Map<?, ?> m = map(o, where + " must map canonical fields to Kingdee field keys");
        if (m.isEmpty()) {
            throw new IllegalArgumentException(where + " must name at least one field");
        }
        List<KingdeeDocumentForm.Field> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String name = e.getKey().toString();
            String at = where + "." + name;
            try {
                if (e.getValue() instanceof String key && !key.isBlank()) {
                    out.add(new KingdeeDocumentForm.Field(name, List.of(key.strip()), KingdeeDocumentForm.Type.TEXT,
                            null, null));
                    continue;
                }
                Map<?, ?> f = map(e.getValue(), at + ": a field key, or {key, type, values}");
                List<String> keys = f.get("keys") instanceof List<?> l ? l.stream().map(Object::toString).toList()
                        : f.get("key") == null ? List.of() : List.of(f.get("key").toString());
                KingdeeDocumentForm.Type type = f.get("type") == null ? KingdeeDocumentForm.Type.TEXT
                        : KingdeeDocumentForm.Type.of(f.get("type").toString());
                ValueMap values = null;
                if (f.get("values") != null) {
                    String csv = f.get("values").toString();
                    values = ValueMap.load(dir + csv, base.resolve(csv));
                }
                out.add(new KingdeeDocumentForm.Field(name, keys, type, values == null ? null : values.name(),
                        values == null ? null : values::lookup));
            } catch (IllegalArgumentException | MappingException ex) {
                throw new IllegalArgumentException(at + ": " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    private static Map<?, ?> map(Object o, String what) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(what);
    }

    private static String text(Map<?, ?> m, String key, Path file) {
        Object v = m.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException(file + ": " + key + " missing in " + m);
        }
        return v.toString();
    }

    private static String opt(Map<?, ?> m, String key, String otherwise) {
        Object v = m.get(key);
        return v == null || v.toString().isBlank() ? otherwise : v.toString();
    }
}
