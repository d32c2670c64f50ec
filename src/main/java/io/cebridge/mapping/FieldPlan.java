package io.cebridge.mapping;

import com.dashjoin.jsonata.Jsonata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mapping that is an object of fields read by name ({@code {"name": Name, "address": {"city": BillingCity}}}), read
 * without JSONata's evaluator: most mappings are such field-to-field copies, and JSONata's evaluator spent 12-18 % of
 * a load's busiest threads on them (docs/performance.md, "CPU per record"). A value that is any other expression
 * ({@code country ? $valueMapStrict(...)}) stays a JSONata expression of its own, evaluated on the same record.
 * <p>
 * It gives JSONata's answer or none: where a record holds anything but objects on the way to a field and text, numbers,
 * booleans or null in it (a list, say, which JSONata maps over), or an expression's answer is empty (JSONata's
 * undefined and null are both null here, and only the first leaves the field out), {@link #apply} declines and the
 * whole mapping is evaluated by JSONata. {@link #parse} accepts only that shape and nothing it is unsure of; its
 * answers are checked against JSONata's in {@code FieldPlanTest}.
 */
final class FieldPlan {
    /** JSONata's literals and operators spelt as names: never a field. */
    private static final Set<String> WORDS = Set.of("true", "false", "null", "and", "or", "in", "function");

    private sealed interface Node permits Path, Fields, Expression {
    }

    private record Path(String[] names) implements Node {
    }

    private record Fields(String[] keys, Node[] values) implements Node {
    }

    /** The expression at {@code index} of {@link #expressions()}. */
    private record Expression(int index) implements Node {
    }

    private final Fields root;
    private final List<String> expressions;

    private FieldPlan(Fields root, List<String> expressions) {
        this.root = root;
        this.expressions = expressions;
    }

    /**
     * The expressions among the values, each as the whole source with everything else blanked (line breaks kept), so
     * JSONata's positions in its errors are the file's.
     */
    List<String> expressions() {
        return expressions;
    }

    /** The plan of a mapping of that shape; null for any other mapping (JSONata evaluates it). */
    static FieldPlan parse(String source) {
        try {
            Parser p = new Parser(source);
            p.space();
            Fields root = p.fields();
            p.space();
            return p.at < source.length() ? null : new FieldPlan(root, p.expressions);
        } catch (Unsure e) {
            return null;
        }
    }

    /**
     * The record mapped, or null when JSONata must map it; {@code compiled}: the {@link #expressions()} compiled, in
     * their order. A failure of an expression is thrown as JSONata throws it.
     */
    Map<String, Object> apply(Map<String, Object> input, Jsonata[] compiled) {
        return fields(root, input, compiled);
    }

    private static Map<String, Object> fields(Fields f, Map<String, Object> input, Jsonata[] compiled) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < f.keys.length; i++) {
            Node n = f.values[i];
            if (n instanceof Path p) {
                Object v = input;
                boolean present = true;
                for (String name : p.names) {
                    if (!(v instanceof Map<?, ?> m)) {
                        if (v != null) {
                            return null; // a list (JSONata maps over it) or a value JSONata reads its own way
                        }
                        present = false; // into null: JSONata's undefined, the field is left out
                        break;
                    }
                    if (!m.containsKey(name)) {
                        present = false;
                        break;
                    }
                    v = m.get(name);
                }
                if (present) {
                    if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                        return null;
                    }
                    out.put(f.keys[i], v);
                }
            } else if (n instanceof Fields inner) {
                Map<String, Object> nested = fields(inner, input, compiled);
                if (nested == null) {
                    return null;
                }
                out.put(f.keys[i], nested);
            } else {
                Object v = compiled[((Expression) n).index].evaluate(input);
                if (v == null || v == Jsonata.NULL_VALUE) {
                    return null; // undefined (left out) or null (kept): JSONata tells them apart
                }
                if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    return null;
                }
                out.put(f.keys[i], v);
            }
        }
        return out;
    }

    /** The source is not of the shape this plan reads. */
    private static final class Unsure extends RuntimeException {
        Unsure() {
            super(null, null, false, false);
        }
    }

    private static final class Parser {
        private final String s;
        private int at;
        private final List<String> expressions = new ArrayList<>();

        Parser(String s) {
            this.s = s;
        }

        /** Blanks, line breaks and comments. */
        void space() {
            while (at < s.length()) {
                char c = s.charAt(at);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    at++;
                } else if (s.startsWith("/*", at)) {
                    int end = s.indexOf("*/", at + 2);
                    if (end < 0) {
                        throw new Unsure();
                    }
                    at = end + 2;
                } else {
                    return;
                }
            }
        }

        Fields fields() {
            expect('{');
            List<String> keys = new ArrayList<>();
            List<Node> values = new ArrayList<>();
            space();
            if (peek() == '}') {
                at++;
                return new Fields(new String[0], new Node[0]);
            }
            while (true) {
                space();
                String key = key();
                if (keys.contains(key)) {
                    throw new Unsure(); // JSONata refuses a key given twice: let it say so
                }
                space();
                expect(':');
                space();
                keys.add(key);
                values.add(value());
                space();
                char c = next();
                if (c == '}') {
                    return new Fields(keys.toArray(new String[0]), values.toArray(new Node[0]));
                }
                if (c != ',') {
                    throw new Unsure();
                }
            }
        }

        private String key() {
            expect('"');
            int start = at;
            while (at < s.length() && s.charAt(at) != '"') {
                if (s.charAt(at) == '\\') {
                    throw new Unsure();
                }
                at++;
            }
            if (at >= s.length()) {
                throw new Unsure();
            }
            return s.substring(start, at++);
        }

        private Node value() {
            if (peek() == '{') {
                int mark = at;
                int made = expressions.size();
                try {
                    return fields();
                } catch (Unsure e) {
                    at = mark; // an object of another shape: one expression
                    expressions.subList(made, expressions.size()).clear();
                    return expression();
                }
            }
            int mark = at;
            List<String> names = new ArrayList<>();
            while (true) {
                String name = name();
                if (name == null) {
                    break;
                }
                names.add(name);
                if (peek() != '.') {
                    break;
                }
                at++;
            }
            if (!names.isEmpty() && (peek() == ',' || peek() == '}' || blankUntilEnd())) {
                return new Path(names.toArray(new String[0]));
            }
            at = mark;
            return expression();
        }

        /** Whether only blanks and comments come before the value's end (its ',' or '}'). */
        private boolean blankUntilEnd() {
            int mark = at;
            space();
            boolean end = peek() == ',' || peek() == '}';
            at = mark;
            return end;
        }

        private String name() {
            int start = at;
            if (at < s.length() && (Character.isLetter(s.charAt(at)) && s.charAt(at) < 128 || s.charAt(at) == '_')) {
                at++;
                while (at < s.length() && (s.charAt(at) < 128 && Character.isLetterOrDigit(s.charAt(at))
                        || s.charAt(at) == '_')) {
                    at++;
                }
            }
            String name = s.substring(start, at);
            if (name.isEmpty() || WORDS.contains(name)) {
                at = start;
                return null;
            }
            return name;
        }

        /** Any other value: up to the ',' or '}' that ends it, brackets, strings and comments followed. */
        private Node expression() {
            int start = at;
            int depth = 0;
            while (at < s.length()) {
                char c = s.charAt(at);
                if (c == '"' || c == '\'' || c == '`') {
                    int end = at + 1;
                    while (end < s.length() && s.charAt(end) != c) {
                        end += s.charAt(end) == '\\' ? 2 : 1;
                    }
                    if (end >= s.length()) {
                        throw new Unsure();
                    }
                    at = end + 1;
                    continue;
                }
                if (s.startsWith("/*", at)) {
                    space();
                    continue;
                }
                if (c == '/') {
                    throw new Unsure(); // a division or a regular expression: told apart only by JSONata's parser
                }
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    if (depth == 0) {
                        if (c != '}') {
                            throw new Unsure();
                        }
                        break;
                    }
                    depth--;
                } else if (c == ',' && depth == 0) {
                    break;
                }
                at++;
            }
            if (at >= s.length() || s.substring(start, at).isBlank()) {
                throw new Unsure();
            }
            StringBuilder only = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                only.append(i >= start && i < at || c == '\n' || c == '\r' ? c : ' ');
            }
            expressions.add(only.toString());
            return new Expression(expressions.size() - 1);
        }

        private char peek() {
            return at < s.length() ? s.charAt(at) : '\0';
        }

        private char next() {
            if (at >= s.length()) {
                throw new Unsure();
            }
            return s.charAt(at++);
        }

        private void expect(char c) {
            if (next() != c) {
                throw new Unsure();
            }
        }
    }
}
