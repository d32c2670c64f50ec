package io.cebridge.demo.kingdee;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FilterString subset the stand-in understands: comparisons {@code KEY IN ('a','b')}, {@code KEY = 'v'},
 * {@code >=}, {@code >}, {@code <=}, {@code <} (a value quoted, '' inside for a quote, or a number), joined by AND and OR
 * with parentheses. Anything else is refused, as Kingdee refuses SQL it cannot parse.
 */
final class StandInFilter {
    private static final Pattern IN = Pattern.compile("(?is)([A-Za-z_][\\w.]*)\\s+IN\\s*\\((.*)\\)");
    private static final Pattern CMP = Pattern.compile("(?s)([A-Za-z_][\\w.]*)\\s*(>=|<=|=|>|<)\\s*(.+)");
    private final List<String> tokens;
    private final Function<String, String> field;
    private int at;

    private StandInFilter(List<String> tokens, Function<String, String> field) {
        this.tokens = tokens;
        this.field = field;
    }

    /** The filter as a test on a document's field values (upper-case keys); throws naming what it cannot read. */
    static Predicate<Map<String, Object>> parse(String filter, Function<String, String> field) {
        if (filter == null || filter.isBlank()) {
            return d -> true;
        }
        StandInFilter p = new StandInFilter(tokens(filter), field);
        Predicate<Map<String, Object>> out = p.or();
        if (p.at != p.tokens.size()) {
            throw new IllegalArgumentException("过滤条件无法解析: " + filter);
        }
        return out;
    }

    private Predicate<Map<String, Object>> or() {
        Predicate<Map<String, Object>> left = and();
        while (at < tokens.size() && tokens.get(at).equalsIgnoreCase("OR")) {
            at++;
            left = left.or(and());
        }
        return left;
    }

    private Predicate<Map<String, Object>> and() {
        Predicate<Map<String, Object>> left = atom();
        while (at < tokens.size() && tokens.get(at).equalsIgnoreCase("AND")) {
            at++;
            left = left.and(atom());
        }
        return left;
    }

    private Predicate<Map<String, Object>> atom() {
        if (at >= tokens.size()) {
            throw new IllegalArgumentException("过滤条件无法解析: 条件不完整");
        }
        String t = tokens.get(at++);
        if (t.equals("(")) {
            Predicate<Map<String, Object>> inner = or();
            if (at >= tokens.size() || !tokens.get(at++).equals(")")) {
                throw new IllegalArgumentException("过滤条件无法解析: 括号未闭合");
            }
            return inner;
        }
        return clause(t.strip());
    }

    private Predicate<Map<String, Object>> clause(String c) {
        Matcher in = IN.matcher(c);
        if (in.matches()) {
            String key = field.apply(in.group(1));
            List<String> values = values(in.group(2));
            return d -> values.contains(str(d.get(key)));
        }
        Matcher cmp = CMP.matcher(c);
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

    /** Clauses, "(", ")", "AND" and "OR", split outside quotes; an IN list's parentheses stay in its clause. */
    private static List<String> tokens(String f) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int inList = 0;
        for (int i = 0; i < f.length(); i++) {
            char ch = f.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
                cur.append(ch);
            } else if (quoted) {
                cur.append(ch);
            } else if (ch == '(' && cur.toString().matches("(?is).*\\sIN\\s*")) {
                inList++;
                cur.append(ch);
            } else if (ch == ')' && inList > 0) {
                inList--;
                cur.append(ch);
            } else if (ch == '(' || ch == ')') {
                flush(cur, out);
                out.add(String.valueOf(ch));
            } else if (keyword(f, i, "AND") || keyword(f, i, "OR")) {
                flush(cur, out);
                String k = f.regionMatches(true, i, "AND", 0, 3) ? "AND" : "OR";
                out.add(k);
                i += k.length() - 1;
            } else {
                cur.append(ch);
            }
        }
        flush(cur, out);
        return out;
    }

    private static boolean keyword(String f, int i, String k) {
        return f.regionMatches(true, i, k, 0, k.length()) && (i == 0 || !Character.isLetterOrDigit(f.charAt(i - 1))
                && f.charAt(i - 1) != '_') && (i + k.length() >= f.length()
                || !Character.isLetterOrDigit(f.charAt(i + k.length())) && f.charAt(i + k.length()) != '_');
    }

    private static void flush(StringBuilder cur, List<String> out) {
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        cur.setLength(0);
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
}
