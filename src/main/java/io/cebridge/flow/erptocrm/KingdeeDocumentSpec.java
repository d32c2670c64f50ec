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
 *     mapping: sales-order-to-salesforce.jsonata
 *     customerField: customerNo
 * changes:                                 # optional: other forms whose changed rows name a document
 *   - {form: STK_Inventory, id: FID, stamp: FUpdateTime, names: FMaterialId.FNumber, document: product}
 * </pre>
 */
public final class KingdeeDocumentSpec {
    public static final String SUFFIX = ".kingdee.yaml";

    private KingdeeDocumentSpec() {
    }

    /** The flow's forms to poll (each document's own, then those of changes:) and document types (to load and map). */
    public record Declared(List<KingdeeChangeForm> forms, List<DocumentType> documents) {
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
                            fields(c.get("fields"), where + ": children." + c.get("name") + ".fields", base, dir)));
                }
            }
            KingdeeDocumentForm form = new KingdeeDocumentForm(name, text(d, "form", file), opt(d, "id", "FID"),
                    opt(d, "stamp", "FModifyDate"), text(d, "number", file), header, entity, entriesName, entries,
                    children);
            forms.add(new KingdeeChangeForm(form.form(), form.idField(), form.stampField(), form.keyField(), name));
            KingdeeDocumentReader reader = new KingdeeDocumentReader(client, form);
            // lists the mapping reads that Kingdee does not provide here (a product's prices): sent empty, not absent
            List<String> empty = d.get("empty") instanceof List<?> l ? l.stream().map(Object::toString).toList() : List.of();
            DocumentLoader loader = keys -> {
                Map<String, Map<String, Object>> docs = reader.load(keys);
                docs.values().forEach(doc -> empty.forEach(e -> doc.putIfAbsent(e, List.of())));
                return docs;
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
                        text(c, "names", file), doc));
            }
        }
        java.util.Set<String> polled = new java.util.HashSet<>();
        for (KingdeeChangeForm f : forms) {
            if (!polled.add(f.form())) { // one watermark per form and flow
                throw new IllegalArgumentException(file + ": form " + f.form() + " is polled twice; name it once");
            }
        }
        return new Declared(forms, documents);
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
