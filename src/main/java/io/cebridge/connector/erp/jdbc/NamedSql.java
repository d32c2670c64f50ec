package io.cebridge.connector.erp.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An SQL text of a mapping directory with named parameters ({@code :asOf}, {@code :customerNos}) turned into JDBC
 * placeholders: a list parameter becomes {@code ?,?,?} of the list's size, every other name one {@code ?}. Names
 * inside quoted literals, comments and PostgreSQL casts ({@code ::numeric}) are left alone.
 */
public final class NamedSql {
    private final List<String> parts = new ArrayList<>();   // text between parameters
    private final List<String> names = new ArrayList<>();   // parameter names, in order of appearance

    public NamedSql(String sql) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            if (ch == '\'' || ch == '"') {
                int end = sql.indexOf(ch, i + 1);
                end = end < 0 ? n : end + 1;
                text.append(sql, i, end);
                i = end;
            } else if (ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end; // drop the comment: it may hold colons that look like parameters
            } else if (ch == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                text.append("::");
                i += 2;
            } else if (ch == ':' && i + 1 < n && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                parts.add(text.toString());
                text.setLength(0);
                names.add(sql.substring(i + 1, end));
                i = end;
            } else {
                text.append(ch);
                i++;
            }
        }
        parts.add(text.toString());
    }

    /** Parameter names in order of appearance, one entry per occurrence. */
    public List<String> names() {
        return Collections.unmodifiableList(names);
    }

    /** The JDBC text with every parameter one value. */
    public String jdbc() {
        return jdbc(null, 1);
    }

    /** The JDBC text for a list of this size in {@code listParameter} (e.g. customerNos). */
    public String jdbc(String listParameter, int listSize) {
        if (listSize < 1) {
            throw new IllegalArgumentException("the list :" + listParameter + " needs at least one value");
        }
        StringBuilder out = new StringBuilder(parts.get(0));
        for (int k = 0; k < names.size(); k++) {
            out.append(names.get(k).equals(listParameter) ? "?,".repeat(listSize - 1) + "?" : "?");
            out.append(parts.get(k + 1));
        }
        return out.toString().strip();
    }
}
