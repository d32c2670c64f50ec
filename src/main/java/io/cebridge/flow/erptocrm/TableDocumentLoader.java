package io.cebridge.flow.erptocrm;

import io.cebridge.connector.erp.jdbc.ErpRowValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Loads documents as a header row plus child rows (an order with its lines): one query per table for a whole page
 * of keys, children in their key order. Each document is read in one transaction, so a header and its lines agree.
 */
public final class TableDocumentLoader implements DocumentLoader {
    private static final int IN_CHUNK = 500;
    private final DataSource erp;
    private final String headerTable;
    private final String keyColumn;
    private final Function<String, Object> keyBinder;
    private final List<Child> children;

    /**
     * A child table: its rows become the list {@code name}, ordered by {@code orderBy}. {@code table} may be a join
     * ("erp_price_list_item i JOIN erp_price_list l ON l.price_list_code = i.price_list_code") with {@code select} its
     * column list ("i.*, l.currency"), so a child row can carry what its own table lacks; {@code parentColumn} may then
     * be qualified (i.product_code): the row is matched to its document by the unqualified name.
     */
    public record Child(String name, String table, String parentColumn, String orderBy, String select) {
        public Child {
            select = select == null || select.isBlank() ? "*" : select;
        }

        public Child(String name, String table, String parentColumn, String orderBy) {
            this(name, table, parentColumn, orderBy, "*");
        }

        String parentField() {
            return ErpRowValues.camel(parentColumn.substring(parentColumn.lastIndexOf('.') + 1));
        }
    }

    /** {@code keyBinder} turns a key back into its column's type (e.g. Long::valueOf for a BIGINT key). */
    public TableDocumentLoader(DataSource erp, String headerTable, String keyColumn, Function<String, Object> keyBinder,
                               List<Child> children) {
        this.erp = erp;
        this.headerTable = headerTable;
        this.keyColumn = keyColumn;
        this.keyBinder = keyBinder;
        this.children = List.copyOf(children);
    }

    @Override
    public Map<String, Map<String, Object>> load(List<String> keys) throws SQLException {
        Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
        try (Connection c = erp.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                for (int from = 0; from < keys.size(); from += IN_CHUNK) {
                    List<String> chunk = keys.subList(from, Math.min(keys.size(), from + IN_CHUNK));
                    for (Map<String, Object> row : select(c, "*", headerTable, keyColumn, chunk, keyColumn)) {
                        docs.put(String.valueOf(row.get(ErpRowValues.camel(keyColumn))), row);
                    }
                    for (Child child : children) {
                        String parent = child.parentField();
                        for (Map<String, Object> row : select(c, child.select(), child.table(), child.parentColumn(), chunk,
                                child.parentColumn() + ", " + child.orderBy())) {
                            Map<String, Object> doc = docs.get(String.valueOf(row.get(parent)));
                            if (doc != null) {
                                Object problem = row.remove(PROBLEM);
                                if (problem != null) {
                                    doc.putIfAbsent(PROBLEM, child.name() + ": " + problem); // the whole document waits
                                }
                                listOf(doc, child.name()).add(row);
                            }
                        }
                        for (String k : chunk) {
                            Map<String, Object> doc = docs.get(k);
                            if (doc != null) {
                                listOf(doc, child.name()); // a document without lines has an empty list, not none
                            }
                        }
                    }
                }
                c.commit();
            } finally {
                c.setAutoCommit(auto);
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listOf(Map<String, Object> doc, String name) {
        return (List<Map<String, Object>>) doc.computeIfAbsent(name, n -> new ArrayList<Map<String, Object>>());
    }

    private List<Map<String, Object>> select(Connection c, String columns, String table, String column,
                                             List<String> keys, String orderBy) throws SQLException {
        String sql = "SELECT " + columns + " FROM " + table + " WHERE " + column + " IN (" + "?,".repeat(keys.size() - 1) + "?) ORDER BY "
                + orderBy;
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < keys.size(); i++) {
                ps.setObject(i + 1, keyBinder.apply(keys.get(i)));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(ErpRowValues.read(rs));
                }
            }
        }
        return rows;
    }
}
