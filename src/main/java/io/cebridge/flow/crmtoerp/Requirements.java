package io.cebridge.flow.crmtoerp;

import io.cebridge.connector.erp.jdbc.JdbcUpsertWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What must exist in the ERP before a record is written at all (a flow's {@code mappings/<flow>/requirements.yaml}):
 * e.g. every line's product, known and active, and a price list in the record's currency. A record with anything
 * unresolved is not written in part: it waits, listing every unresolved value, and goes through once the ERP has them.
 * Each rule: {@code what} (named in the reason), {@code field} (canonical field holding the value), optionally
 * {@code in} (a canonical list: each element is checked), {@code element} (what an element is called, e.g. line)
 * and {@code label} (the element's field naming it),
 * {@code table} / {@code column} (where the value must exist), optionally {@code when} (column: allowed values).
 */
public final class Requirements {
    /** Reason code of records waiting for what their ERP requirements name. */
    public static final String NEEDS_MAPPING = "NEEDS_MAPPING";

    private record Rule(String what, String in, String element, String field, String label, Finder table,
                        String tableName, String column,
                        Map<String, Set<String>> when) {
    }

    /**
     * Reads the rows of an ERP table (or an API's form) whose {@code column} holds one of the values, with the
     * {@code extra} columns, keys in lower case; {@link #load(Path, String, DataSource)} reads ERP tables over JDBC.
     */
    public interface Finder {
        List<Map<String, Object>> find(String column, java.util.Collection<?> values, List<String> extra);
    }

    private final String source;
    private final List<Rule> rules;

    private Requirements(String source, List<Rule> rules) {
        this.source = source;
        this.rules = rules;
    }

    public String source() {
        return source;
    }

    /** Reads the rules of {@code relative} (under the mappings root) and checks their tables and columns exist. */
    public static Requirements load(Path mappingsRoot, String relative, DataSource erp) {
        return load(mappingsRoot, relative, (table, column) -> {
            JdbcUpsertWriter w = new JdbcUpsertWriter(erp, table, column, null, List.of(column));
            return w::findBy;
        });
    }

    /** As {@link #load(Path, String, DataSource)}, each rule's table read by the finder {@code tables} gives for it. */
    public static Requirements load(Path mappingsRoot, String relative,
                                    java.util.function.BiFunction<String, String, Finder> tables) {
        Path file = mappingsRoot.resolve(relative);
        Object doc = io.cebridge.mapping.YamlFile.read(file);
        if (!(doc instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(file + ": must be a list of rules {what, field, table, column[, in, label, when]}");
        }
        List<Rule> rules = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(file + ": each rule is {what, field, table, column[, in, label, when]}");
            }
            for (Object k : m.keySet()) {
                if (!Set.of("what", "in", "element", "field", "label", "table", "column", "when").contains(String.valueOf(k))) {
                    throw new IllegalArgumentException(file + ": unknown key '" + k + "' in rule " + m.get("what")
                            + " (known: what, field, table, column, in, element, label, when)");
                }
            }
            String what = text(m, "what", file);
            String column = text(m, "column", file);
            Map<String, Set<String>> when = new LinkedHashMap<>();
            if (m.get("when") instanceof Map<?, ?> w) {
                w.forEach((c, v) -> when.put(c.toString().toLowerCase(Locale.ROOT), v instanceof List<?> l
                        ? new LinkedHashSet<>(l.stream().map(String::valueOf).toList()) : Set.of(String.valueOf(v))));
            } else if (m.get("when") != null) {
                throw new IllegalArgumentException(file + ": rule " + what + ": when is {column: value or [values]}");
            }
            String tableName = text(m, "table", file);
            Finder table = tables.apply(tableName, column);
            String in = m.get("in") == null ? null : m.get("in").toString();
            rules.add(new Rule(what, in, m.get("element") == null ? in : m.get("element").toString(), text(m, "field", file),
                    m.get("label") == null ? null : m.get("label").toString(), table, tableName,
                    column.toLowerCase(Locale.ROOT), when));
        }
        return new Requirements(relative, rules);
    }

    private static String text(Map<?, ?> m, String key, Path file) {
        Object v = m.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException(file + ": a rule lacks '" + key + "'");
        }
        return v.toString();
    }

    /** For each record with something unresolved, every reason; records that resolve fully are not in the answer. */
    public <T> Map<T, List<String>> unresolved(List<T> records, Function<T, Map<String, Object>> eventOf) {
        Map<T, List<String>> out = new LinkedHashMap<>();
        for (Rule rule : rules) {
            Map<T, List<Object[]>> checks = new LinkedHashMap<>(); // record -> [label, value]
            Set<String> values = new LinkedHashSet<>();
            for (T r : records) {
                List<Object[]> mine = new ArrayList<>();
                Map<String, Object> event = eventOf.apply(r);
                if (rule.in() == null) {
                    mine.add(new Object[] {null, event.get(rule.field())});
                } else if (event.get(rule.in()) instanceof List<?> elements) {
                    int n = 0;
                    for (Object e : elements) {
                        n++;
                        Map<?, ?> el = e instanceof Map<?, ?> mm ? mm : Map.of();
                        Object label = rule.label() == null ? null : el.get(rule.label());
                        mine.add(new Object[] {rule.element() + " " + (label == null ? "#" + n : label), el.get(rule.field())});
                    }
                }
                mine.forEach(c -> {
                    if (c[1] != null) {
                        values.add(c[1].toString());
                    }
                });
                checks.put(r, mine);
            }
            Map<String, Map<String, Object>> found = new HashMap<>();
            rule.table().find(rule.column(), values, List.copyOf(rule.when().keySet()))
                    .forEach(row -> found.put(String.valueOf(row.get(rule.column())), row));
            checks.forEach((r, mine) -> {
                for (Object[] c : mine) {
                    String problem = problem(rule, c[1], found);
                    if (problem != null) {
                        out.computeIfAbsent(r, x -> new ArrayList<>()).add((c[0] == null ? "" : c[0] + ": ") + problem);
                    }
                }
            });
        }
        return out;
    }

    private static String problem(Rule rule, Object value, Map<String, Map<String, Object>> found) {
        String where = rule.tableName() + "." + rule.column();
        if (value == null) {
            return "no " + rule.what() + " (" + rule.field() + " is empty)";
        }
        Map<String, Object> row = found.get(value.toString());
        if (row == null) {
            return rule.what() + " '" + value + "' is not in the ERP (" + where + ")";
        }
        for (Map.Entry<String, Set<String>> w : rule.when().entrySet()) {
            Object actual = row.get(w.getKey());
            if (!w.getValue().contains(String.valueOf(actual))) {
                return rule.what() + " '" + value + "' is " + actual + " in the ERP (" + w.getKey() + " must be "
                        + String.join(" or ", w.getValue()) + ")";
            }
        }
        return null;
    }
}
