package io.cebridge.flow.erptocrm;

import io.cebridge.connector.erp.jdbc.ChangeTable;
import io.cebridge.flow.financialsummary.FinancialSummaryQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * An ERP -> CRM flow's documents, read from its {@code mappings/<flow>/documents.yaml}: which changed rows of which
 * tables name which document, how each document is loaded (a header table with child tables, or a SQL file computing
 * one document per key as of today), the mapping that turns it into CRM writes, and the field naming its customer.
 * A mistake names the file and the entry.
 *
 * <pre>
 * changes:                      # a changed row of TABLE names document DOCUMENT by its column NAMES
 *   - {table: erp_invoice, key: [invoice_no], names: invoice_no, document: invoice}
 * dailyRefresh: erp_customer    # optional: every row of this change table once per ERP business day
 * documents:
 *   - name: invoice
 *     mapping: invoice-to-salesforce.jsonata        # relative to this file
 *     customerField: customerNo                      # optional
 *     table: erp_invoice                             # header table ... or sql: summary.sql
 *     key: invoice_no
 *     keyType: text                                  # text (default), number or date
 *     children:
 *       - {name: lines, table: erp_invoice_line, parentColumn: invoice_no, orderBy: line_no, select: "*"}
 *     filter: corporate-rates                        # optional named filter (exchange rates)
 * </pre>
 */
public final class DocumentSpec {
    private DocumentSpec() {
    }

    /** The flow's change tables, document types and daily refresh, as the file declares them. */
    public record Declared(List<ChangeTable> changes, List<DocumentType> documents, ChangeTable dailyRefresh) {
    }

    /** {@code relative}: the spec's path under {@code mappingsRoot}, e.g. order-invoice-history/documents.yaml. */
    public static Declared load(Path mappingsRoot, String relative, DataSource erp, Clock clock, String corporateCurrency) {
        Path file = mappingsRoot.resolve(relative);
        Object doc = io.cebridge.mapping.YamlFile.read(file);
        Map<?, ?> root = map(doc, file + ": not a YAML object with changes and documents");
        String dir = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/') + 1) : "";
        List<ChangeTable> changes = new ArrayList<>();
        for (Object o : list(root.get("changes"), file + ": changes")) {
            Map<?, ?> c = map(o, file + ": each change is {table, key, names, document}");
            changes.add(new ChangeTable(text(c, "table", file), strings(c.get("key"), file + ": key of " + c.get("table")),
                    text(c, "names", file), text(c, "document", file),
                    c.get("stamp") == null ? "updated_at" : c.get("stamp").toString()));
        }
        List<DocumentType> documents = new ArrayList<>();
        for (Object o : list(root.get("documents"), file + ": documents")) {
            Map<?, ?> d = map(o, file + ": each document is {name, mapping, table or sql, ...}");
            String name = text(d, "name", file);
            DocumentLoader loader = loader(d, name, file, mappingsRoot.resolve(dir), erp, clock);
            if ("corporate-rates".equals(d.get("filter"))) {
                loader = new CorporateRates(loader, corporateCurrency);
            } else if (d.get("filter") != null) {
                throw new IllegalArgumentException(file + ": document " + name + ": unknown filter '" + d.get("filter")
                        + "' (known: corporate-rates)");
            }
            documents.add(new DocumentType(name, loader, dir + text(d, "mapping", file),
                    d.get("customerField") == null ? null : d.get("customerField").toString()));
        }
        for (ChangeTable c : changes) {
            if (documents.stream().noneMatch(d -> d.name().equals(c.documentType()))) {
                throw new IllegalArgumentException(file + ": change table " + c.table() + " names document '"
                        + c.documentType() + "', which documents does not declare");
            }
        }
        ChangeTable daily = null;
        if (root.get("dailyRefresh") != null) {
            String t = root.get("dailyRefresh").toString();
            daily = changes.stream().filter(c -> c.table().equals(t)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException(file + ": dailyRefresh names " + t + ", which is not a change table"));
        }
        return new Declared(changes, documents, daily);
    }

    private static DocumentLoader loader(Map<?, ?> d, String name, Path file, Path dir, DataSource erp, Clock clock) {
        if (d.get("sql") != null) {
            // read when first used, so a missing file only matters with the flow enabled
            Path sql = dir.resolve(d.get("sql").toString());
            java.util.concurrent.atomic.AtomicReference<FinancialSummaryQuery> query =
                    new java.util.concurrent.atomic.AtomicReference<>();
            return keys -> {
                Map<String, Map<String, Object>> out = new LinkedHashMap<>();
                query.updateAndGet(q -> q != null ? q : FinancialSummaryQuery.fromFile(erp, sql))
                        .compute(keys, LocalDate.now(clock)).forEach((no, row) -> {
                            Map<String, Object> doc = new LinkedHashMap<>(row);
                            Object error = doc.remove(FinancialSummaryQuery.ERROR);
                            if (error != null) {
                                doc.put(DocumentLoader.PROBLEM, error);
                            }
                            out.put(no, doc);
                        });
                return out;
            };
        }
        List<TableDocumentLoader.Child> children = new ArrayList<>();
        if (d.get("children") != null) {
            for (Object o : list(d.get("children"), file + ": children of " + name)) {
                Map<?, ?> c = map(o, file + ": each child is {name, table, parentColumn, orderBy, select}");
                children.add(new TableDocumentLoader.Child(text(c, "name", file), text(c, "table", file),
                        text(c, "parentColumn", file), text(c, "orderBy", file),
                        c.get("select") == null ? "*" : c.get("select").toString()));
            }
        }
        String keyType = d.get("keyType") == null ? "text" : d.get("keyType").toString();
        Function<String, Object> binder = switch (keyType) {
            case "text" -> k -> k;
            case "number" -> Long::valueOf;
            case "date" -> java.sql.Date::valueOf;
            default -> throw new IllegalArgumentException(file + ": document " + name + ": keyType is text, number or date, got '"
                    + keyType + "'");
        };
        return new TableDocumentLoader(erp, text(d, "table", file), text(d, "key", file), binder, children);
    }

    private static Map<?, ?> map(Object o, String what) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(what);
    }

    private static List<?> list(Object o, String what) {
        if (o instanceof List<?> l && !l.isEmpty()) {
            return l;
        }
        throw new IllegalArgumentException(what + " must be a non-empty list");
    }

    private static String text(Map<?, ?> m, String key, Path file) {
        Object v = m.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException(file + ": " + key + " missing in " + m);
        }
        return v.toString();
    }

    private static List<String> strings(Object o, String what) {
        if (o instanceof List<?> l && !l.isEmpty()) {
            return l.stream().map(Object::toString).toList();
        }
        if (o instanceof String s && !s.isBlank()) {
            return List.of(s);
        }
        throw new IllegalArgumentException(what + " must name the key columns");
    }
}
