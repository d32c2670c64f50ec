package io.cebridge.mapping;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A JSONata mapping compiled once at load. It maps one record (a map) to one record; {@code $valueMap(name, value)}
 * looks a value up in {@code name.csv} beside the mapping (null when absent) and {@code $valueMapStrict} fails the
 * record with a reason instead; {@code $valueMapKeys(name)} lists the map's source values as the file spells them, in
 * its order (a setting per currency that applies whether or not the record mentions the currency). JSONata's own arithmetic is binary floating point (3 * 0.7 = 2.0999999999999996), so
 * {@code $decimalMultiply(a, b)}, {@code $decimalPercent(a, p)} (a * p / 100), {@code $decimalAdd(a, b)},
 * {@code $decimalSubtract(a, b)}, {@code $decimalSum(list)} (these three keep the scale of their amounts) and
 * {@code $decimalRound(a, scale)} (half-up; a third argument names another java.math.RoundingMode, e.g. "HALF_EVEN")
 * compute exactly in decimal and return the result as text, for a DECIMAL column to take as it is; {@code $decimalCompare(a, b)} is -1, 0 or 1 (1.50 equals 1.5).
 * {@code $reject(code, reason)} refuses the record: it is dead-lettered with that code and reason.
 */
public final class CompiledMapping {
    private final String file;
    private final String source;
    /**
     * One compiled expression per thread: a Jsonata object keeps per-evaluation state (its environment), so one shared
     * by several delivery consumers would make them take turns; a thread compiles its own the first time it maps.
     */
    private final ThreadLocal<Jsonata> expression;
    /** The mapping read field by field where it has that shape (null: JSONata evaluates it), see {@link FieldPlan}. */
    private final FieldPlan plan;
    /** Its expressions, compiled per thread as {@link #expression} is. */
    private final ThreadLocal<Jsonata[]> planExpressions;
    private volatile String contentHash;

    CompiledMapping(String file, String source, Function<String, ValueMap> valueMaps) throws MappingException {
        this.file = file;
        this.source = source;
        Jsonata first = compile(file, source);
        register(first, valueMaps);
        this.expression = ThreadLocal.withInitial(() -> {
            try {
                Jsonata again = compile(file, source);
                register(again, valueMaps);
                return again;
            } catch (MappingException e) { // it compiled above: the same text compiles again
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        this.expression.set(first);
        FieldPlan fields = FieldPlan.parse(source);
        Jsonata[] firstParts = fields == null ? null : compileParts(file, fields, valueMaps);
        this.plan = firstParts == null ? null : fields;
        this.planExpressions = plan == null ? null : ThreadLocal.withInitial(() -> {
            Jsonata[] parts = compileParts(file, fields, valueMaps);
            if (parts == null) { // they compiled above: the same texts compile again
                throw new IllegalStateException(file + ": a part of the field plan no longer compiles");
            }
            return parts;
        });
        if (plan != null) {
            this.planExpressions.set(firstParts);
        }
    }

    /** The plan's expressions compiled, with ce-bridge's functions; null when one does not compile alone. */
    private static Jsonata[] compileParts(String file, FieldPlan plan, Function<String, ValueMap> valueMaps) {
        Jsonata[] compiled = new Jsonata[plan.expressions().size()];
        for (int i = 0; i < compiled.length; i++) {
            try {
                compiled[i] = compile(file, plan.expressions().get(i));
            } catch (MappingException notAlone) {
                return null;
            }
            register(compiled[i], valueMaps);
        }
        return compiled;
    }

    /** Whether the mapping is read field by field ({@link FieldPlan}) where records allow. */
    boolean readsFields() {
        return plan != null;
    }

    /** The record as JSONata's evaluator alone maps it (the answer {@link #apply} must equal; for tests). */
    Object evaluateByJsonata(Map<String, Object> input) {
        return expression.get().evaluate(input);
    }

    private static Jsonata compile(String file, String source) throws MappingException {
        try {
            // the newline: JSONata's tokenizer reads past the end of a file that ends in a comment; offsets stay the same
            return Jsonata.jsonata(source + "\n");
        } catch (JException e) {
            throw new MappingException(located(file, source, e, "does not compile: " + e.getMessage()), e);
        } catch (StringIndexOutOfBoundsException e) {
            // the tokenizer's only read past the end left (0.9.10): a /* comment with no */
            int open = source.lastIndexOf("/*");
            String reason = "does not compile: the comment is not closed (no */ after /*)";
            throw new MappingException(open >= 0 && source.indexOf("*/", open + 2) < 0
                    ? SourcePosition.ofOffset(source, open).describe(file, reason)
                    : file + ": does not compile: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MappingException(file + ": does not compile: " + e.getMessage(), e);
        }
    }

    /**
     * ce-bridge's own functions ($valueMap, $decimal..., $reject), on one compiled expression. Static: a thread's copy
     * must not reach back to this object, or the thread would keep it (and its copy) after a reload replaced it.
     */
    private static void register(Jsonata expression, Function<String, ValueMap> valueMaps) {
        expression.registerFunction("valueMap", (String map, Object value) -> value == null ? null
                : valueMaps.apply(map).lookup(String.valueOf(value)).orElse(null));
        expression.registerFunction("valueMapStrict", (String map, Object value) -> {
            if (value == null) {
                return null;
            }
            ValueMap vm = valueMaps.apply(map);
            return vm.lookup(String.valueOf(value)).orElseThrow(() -> functionError(
                    "value '" + value + "' has no entry in value map " + vm.file().getFileName()));
        });
        // a list even for one row: JSONata would otherwise see a single value where the mapping iterates
        expression.registerFunction("valueMapKeys", (String map) -> new java.util.ArrayList<>(valueMaps.apply(map).sources()));
        expression.registerFunction("decimalMultiply", (Object a, Object b) -> {
            java.math.BigDecimal x = decimal(a, "decimalMultiply");
            java.math.BigDecimal y = decimal(b, "decimalMultiply");
            return x == null || y == null ? null : x.multiply(y).stripTrailingZeros().toPlainString();
        });
        expression.registerFunction("decimalAdd", (Object a, Object b) -> {
            java.math.BigDecimal x = decimal(a, "decimalAdd");
            java.math.BigDecimal y = decimal(b, "decimalAdd");
            return x == null || y == null ? null : x.add(y).toPlainString();
        });
        expression.registerFunction("decimalSubtract", (Object a, Object b) -> {
            java.math.BigDecimal x = decimal(a, "decimalSubtract");
            java.math.BigDecimal y = decimal(b, "decimalSubtract");
            return x == null || y == null ? null : x.subtract(y).toPlainString();
        });
        expression.registerFunction("decimalSum", (Object list) -> {
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            if (list instanceof java.util.List<?> l) {
                for (Object v : l) {
                    java.math.BigDecimal d = decimal(v, "decimalSum");
                    if (d == null) {
                        throw functionError("$decimalSum: the list holds an empty value");
                    }
                    sum = sum.add(d);
                }
            } else if (list != null) {
                sum = decimal(list, "decimalSum"); // JSONata passes a list of one as the value itself
            }
            return sum.toPlainString(); // the scale of the amounts summed: 150.00 stays 150.00
        });
        // three arguments, the last optional: only a JFunction with a signature takes that
        expression.registerFunction("decimalRound", new Jsonata.JFunction((input, args) -> {
            Object a = args.size() > 0 ? args.get(0) : null;
            Object scale = args.size() > 1 ? args.get(1) : null;
            Object mode = args.size() > 2 ? args.get(2) : null;
            java.math.BigDecimal x = decimal(a, "decimalRound");
            java.math.BigDecimal s = decimal(scale, "decimalRound");
            if (x == null) {
                return null;
            }
            if (s == null || s.scale() > 0 || s.abs().intValue() > 40) {
                throw functionError("$decimalRound: the scale must be a whole number of digits, got " + scale);
            }
            java.math.RoundingMode m;
            try {
                m = mode == null ? java.math.RoundingMode.HALF_UP : java.math.RoundingMode.valueOf(mode.toString());
            } catch (IllegalArgumentException e) {
                throw functionError("$decimalRound: unknown rounding '" + mode + "' (e.g. HALF_UP, HALF_EVEN)");
            }
            return x.setScale(s.intValue(), m).toPlainString();
        }, "<xxx?:x>"));
        expression.registerFunction("decimalCompare", (Object a, Object b) -> {
            java.math.BigDecimal x = decimal(a, "decimalCompare");
            java.math.BigDecimal y = decimal(b, "decimalCompare");
            if (x == null || y == null) {
                throw functionError("$decimalCompare: " + (x == null ? a : b) + " is not a number");
            }
            return x.compareTo(y);
        });
        expression.registerFunction("reject", (String code, String reason) -> {
            if (code == null || !code.matches("[A-Z][A-Z0-9_]{0,59}")) {
                throw functionError("$reject: the code must be UPPER_SNAKE_CASE, got " + code);
            }
            throw new RecordRejected(code, reason == null ? code : reason);
        });
        expression.registerFunction("decimalPercent", (Object a, Object p) -> {
            java.math.BigDecimal x = decimal(a, "decimalPercent");
            java.math.BigDecimal y = decimal(p, "decimalPercent");
            return x == null || y == null ? null : x.multiply(y).movePointLeft(2).stripTrailingZeros().toPlainString();
        });
    }

    /**
     * The failure of one of these functions, as a JSONata error without a location: JSONata then gives it the
     * position of the call ($valueMapStrict(...)), so the message names the line and column. D3137 is the code of
     * JSONata's own $error, whose message is the text given.
     */
    static JException functionError(String message) {
        return new JException("D3137", -1, message);
    }

    /** The exact decimal of a JSON number or numeric text; null stays null; beyond 40 digits either side, refused. */
    static java.math.BigDecimal decimal(Object v, String function) {
        if (v == null) {
            return null;
        }
        java.math.BigDecimal d;
        if (v instanceof java.math.BigDecimal b) {
            d = b;
        } else if (v instanceof Double || v instanceof Float) {
            double x = ((Number) v).doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                throw functionError("$" + function + ": " + v + " is not a number");
            }
            d = java.math.BigDecimal.valueOf(x); // the shortest decimal that is the double
        } else {
            try {
                d = new java.math.BigDecimal(String.valueOf(v).strip());
            } catch (NumberFormatException e) {
                throw functionError("$" + function + ": '" + v + "' is not a number");
            }
        }
        if (d.precision() - d.scale() > 40 || d.scale() > 40) {
            throw functionError("$" + function + ": " + v + " has more than 40 digits before or after"
                    + " the point");
        }
        return d;
    }

    /** The message with the file, line and column of JSONata's location and the line with a caret under it. */
    private static String located(String file, String source, JException e, String message) {
        SourcePosition at = SourcePosition.ofJsonataLocation(source, e.getLocation());
        return at == null ? file + ": " + message : at.describe(file, message);
    }

    public String file() {
        return file;
    }

    /** SHA-256 (hex) of the file's content this mapping was compiled from: which version made a write, for the audit. */
    public String contentHash() {
        String h = contentHash;
        if (h == null) {
            try {
                h = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(source.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
            contentHash = h;
        }
        return h;
    }

    /**
     * Maps one record; a mapping error names the file and the reason, and where JSONata gives a position (its own
     * errors mostly do; these functions' failures get their call's) the line and column, on one line.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> apply(Map<String, Object> input) throws MappingException {
        Object out;
        try {
            if (plan != null) {
                Map<String, Object> read = plan.apply(input, planExpressions.get());
                if (read != null) {
                    return read;
                }
            }
            out = expression.get().evaluate(input);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                if (root instanceof RecordRejected) {
                    break;
                }
                root = root.getCause();
            }
            if (root instanceof RecordRejected r) {
                throw new MappingException(r.code(), r.getMessage() + " (" + file + ")", e);
            }
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof JException j && j.getLocation() >= 0) {
                    // one line: it becomes a record's dead-letter reason (validate shows compile errors with the line)
                    SourcePosition at = SourcePosition.ofJsonataLocation(source, j.getLocation());
                    throw new MappingException(at == null ? file + ": " + root.getMessage()
                            : at.at(file, root.getMessage()), e);
                }
            }
            throw new MappingException(file + ": " + root.getMessage(), e); // JSONata gave no position
        }
        if (out == null) {
            return new LinkedHashMap<>();
        }
        if (!(out instanceof Map)) {
            throw new MappingException(file + ": must produce an object, produced " + out.getClass().getSimpleName());
        }
        return new LinkedHashMap<>((Map<String, Object>) out);
    }
}
