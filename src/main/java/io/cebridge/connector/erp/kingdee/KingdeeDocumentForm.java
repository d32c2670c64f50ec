package io.cebridge.connector.erp.kingdee;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * How one kind of canonical ERP document is read from a Kingdee form, as its flow's documents.kingdee.yaml declares
 * it: the form, its internal id (the watermark's tie-break), modification stamp and business number (the document's
 * key), and which field key fills which canonical field, for the header and for the lines of one entry entity.
 *
 * @param document    the canonical document type (sales-order, invoice, product)
 * @param entity      the entry entity whose rows are the lines (FSaleOrderEntry), null for a form read without lines
 * @param entriesName the canonical name of the lines (lines)
 * @param children    lists read from other forms (a material's stock rows in STK_Inventory), by the document's number
 * @param orgField    the form's organisation field key (FSaleOrgId.FNumber), null when the file names none; the reads
 *                    are filtered by it when an organisation is configured (see {@link KingdeeOrgFilter})
 */
public record KingdeeDocumentForm(String document, String form, String idField, String stampField, String keyField,
                                  List<Field> header, String entity, String entriesName, List<Field> entries,
                                  List<Child> children, String orgField) {
    public KingdeeDocumentForm {
        header = List.copyOf(header);
        entries = List.copyOf(entries);
        children = List.copyOf(children);
        if (entity == null && !entries.isEmpty()) {
            throw new IllegalArgumentException(form + ": entry fields need the entry entity they belong to");
        }
    }

    /** What a canonical field holds: text (default), decimal (exact), integer or date (yyyy-MM-dd). */
    public enum Type {
        TEXT, DECIMAL, INTEGER, DATE;

        public static Type of(String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("type is text, decimal, integer or date, got '" + name + "'");
            }
        }
    }

    /**
     * A canonical field: the field keys it is read from (several are joined with "|" for the value map), its type, and
     * optionally a value map ({@code valuesName}: its file, for messages) that translates Kingdee's codes; a value the
     * map does not list holds the document back.
     */
    public record Field(String name, List<String> keys, Type type, String valuesName,
                        Function<String, Optional<String>> values) {
        public Field {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException(name + ": no field key");
            }
            if (keys.size() > 1 && values == null) {
                throw new IllegalArgumentException(name + ": several field keys need a value map (values:)");
            }
        }
    }

    /**
     * A list of the document read from another form (or the same one): the rows whose {@code parentKey} holds the
     * document's number, ordered by {@code orderBy}, each row's canonical fields as {@code fields} declares them;
     * {@code orgField}: that form's organisation field key (null: none declared).
     */
    public record Child(String name, String form, String parentKey, String orderBy, List<Field> fields,
                        String orgField) {
        public Child {
            fields = List.copyOf(fields);
        }

        public Child(String name, String form, String parentKey, String orderBy, List<Field> fields) {
            this(name, form, parentKey, orderBy, fields, null);
        }

        /** The field keys a load asks for: the parent key first. */
        public List<String> fieldKeys() {
            List<String> keys = new ArrayList<>();
            add(keys, parentKey);
            fields.forEach(f -> f.keys().forEach(k -> add(keys, k)));
            return keys;
        }
    }

    /** The entry id key of ExecuteBillQuery (FSaleOrderEntry_FEntryID). */
    public String entryIdKey() {
        return entity + "_FEntryID";
    }

    /** The entry sequence key of ExecuteBillQuery (FSaleOrderEntry_FSeq). */
    public String entrySeqKey() {
        return entity + "_FSeq";
    }

    /** Every field key a load asks for, each once, the id and the number first. */
    public List<String> fieldKeys() {
        List<String> keys = new ArrayList<>();
        add(keys, idField);
        add(keys, keyField);
        header.forEach(f -> f.keys().forEach(k -> add(keys, k)));
        if (entity != null) {
            add(keys, entryIdKey());
            entries.forEach(f -> f.keys().forEach(k -> add(keys, k)));
        }
        return keys;
    }

    private static void add(List<String> keys, String key) {
        if (keys.stream().noneMatch(k -> k.equalsIgnoreCase(key))) {
            keys.add(key);
        }
    }
}
