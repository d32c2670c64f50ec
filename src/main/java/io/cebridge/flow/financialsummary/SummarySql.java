package io.cebridge.flow.financialsummary;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A summary SQL text with named parameters ({@code :asOf}, {@code :customerNos}) turned into JDBC placeholders: the
 * list parameter becomes {@code ?,?,?} of the chunk's size, every other name one {@code ?}. Names inside quoted
 * literals, comments and PostgreSQL casts ({@code ::numeric}) are left alone.
 */
final class SummarySql {
    /** The parameter that stands for the list of customer numbers. */
    static final String LIST_PARAMETER = "customerNos";

    private final List<String> parts = new ArrayList<>();   // text between parameters
    private final List<String> names = new ArrayList<>();   // parameter names, in order of appearance

    SummarySql(String sql) {
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
    List<String> names() {
        return Collections.unmodifiableList(names);
    }

    /** The JDBC text for a customer list of this size. */
    String jdbc(int listSize) {
        if (listSize < 1) {
            throw new IllegalArgumentException("at least one customer number is needed");
        }
        StringBuilder out = new StringBuilder(parts.get(0));
        for (int k = 0; k < names.size(); k++) {
            out.append(LIST_PARAMETER.equals(names.get(k)) ? "?,".repeat(listSize - 1) + "?" : "?");
            out.append(parts.get(k + 1));
        }
        return out.toString().strip();
    }
}
