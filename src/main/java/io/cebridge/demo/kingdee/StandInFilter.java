package io.cebridge.demo.kingdee;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The FilterString subset the stand-in understands: clauses joined by AND, each {@code KEY IN ('a','b')},
 * {@code KEY = 'v'}, {@code KEY >= 'v'}, {@code KEY > 'v'}, {@code KEY <= 'v'}, {@code KEY < 'v'} (a value is quoted,
 * '' inside for a quote, or a number). Anything else is refused, as Kingdee refuses SQL it cannot parse.
 */
final class StandInFilter {
    private StandInFilter() {
    }

    /** The filter as a test on a document's field values (upper-case keys); throws naming what it cannot read. */
    static Predicate<Map<String, Object>> parse(String filter, java.util.function.Function<String, String> field) {
        if (filter == null || filter.isBlank()) {
            return d -> true;
        }
        List<Predicate<Map<String, Object>>> all = new ArrayList<>();
        for (String clause : splitAnd(filter)) {
            all.add(clause(clause.strip(), field));
        }
        return d -> all.stream().allMatch(p -> p.test(d));
    }

    private static Predicate<Map<String, Object>> clause(String c, java.util.function.Function<String, String> field) {
        java.util.regex.Matcher in = java.util.regex.Pattern.compile("(?is)([A-Za-z_][\\w.]*)\\s+IN\\s*\\((.*)\\)").matcher(c);
        if (in.matches()) {
            String key = field.apply(in.group(1));
            List<String> values = values(in.group(2));
            return d -> values.contains(str(d.get(key)));
        }
        java.util.regex.Matcher cmp = java.util.regex.Pattern.compile("(?s)([A-Za-z_][\\w.]*)\\s*(>=|<=|=|>|<)\\s*(.+)").matcher(c);
        if (!cmp.matches()) {
            throw new IllegalArgumentException("过滤条件无法解析: " + c);
        }
        String key = field.apply(cmp.group(1));
        String op = cmp.group(2);
        String value = values(cmp.group(3)).get(0);
        return d -> {
            int r = compare(str(d.get(key)), value);
            return switch (op) {
                case "=" -> r == 0;
                case ">=" -> r >= 0;
                case "<=" -> r <= 0;
                case ">" -> r > 0;
                default -> r < 0;
            };
        };
    }

    private static int compare(String a, String b) {
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static String str(Object v) {
        return v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
    }

    /** 'a','b' or 42 -> the values. */
    private static List<String> values(String list) {
        List<String> out = new ArrayList<>();
        int i = 0;
        String s = list.strip();
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == ',' || Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '\'') {
                StringBuilder v = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw new IllegalArgumentException("过滤条件无法解析: 引号未闭合");
                    }
                    if (s.charAt(i) == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                        v.append('\'');
                        i += 2;
                    } else if (s.charAt(i) == '\'') {
                        i++;
                        break;
                    } else {
                        v.append(s.charAt(i++));
                    }
                }
                out.add(v.toString());
            } else {
                int end = i;
                while (end < s.length() && s.charAt(end) != ',') {
                    end++;
                }
                out.add(s.substring(i, end).strip());
                i = end;
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("过滤条件无法解析: 缺少值");
        }
        return out;
    }

    /** Splits at AND outside quotes. */
    private static List<String> splitAnd(String f) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < f.length(); i++) {
            char ch = f.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && f.regionMatches(true, i, " AND ", 0, 5)) {
                out.add(f.substring(start, i));
                start = i + 5;
                i += 4;
            }
        }
        out.add(f.substring(start));
        return out;
    }
}
