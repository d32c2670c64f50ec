package io.cebridge.mapping;

import com.dashjoin.jsonata.Jsonata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A JSONata mapping compiled once at load. It maps one record (a map) to one record; {@code $valueMap(name, value)}
 * looks a value up in {@code name.csv} beside the mapping (null when absent) and {@code $valueMapStrict} fails the
 * record with a reason instead. JSONata's own arithmetic is binary floating point (3 * 0.7 = 2.0999999999999996), so
 * {@code $decimalMultiply(a, b)} and {@code $decimalPercent(a, p)} (a * p / 100) compute exactly in decimal and
 * return the result as text, for a DECIMAL column to take as it is.
 */
public final class CompiledMapping {
    private final String file;
    private final Jsonata expression;

    CompiledMapping(String file, String source, Function<String, ValueMap> valueMaps) throws MappingException {
        this.file = file;
        try {
            this.expression = Jsonata.jsonata(source);
        } catch (RuntimeException e) {
            throw new MappingException(file + ": does not compile: " + e.getMessage(), e);
        }
        expression.registerFunction("valueMap", (String map, Object value) -> value == null ? null
                : valueMaps.apply(map).lookup(String.valueOf(value)).orElse(null));
        expression.registerFunction("valueMapStrict", (String map, Object value) -> {
            if (value == null) {
                return null;
            }
            ValueMap vm = valueMaps.apply(map);
            return vm.lookup(String.valueOf(value)).orElseThrow(() -> new IllegalArgumentException(
                    "value '" + value + "' has no entry in value map " + vm.file().getFileName()));
        });
        expression.registerFunction("decimalMultiply", (Object a, Object b) -> {
            java.math.BigDecimal x = decimal(a, "decimalMultiply");
            java.math.BigDecimal y = decimal(b, "decimalMultiply");
            return x == null || y == null ? null : x.multiply(y).stripTrailingZeros().toPlainString();
        });
        expression.registerFunction("decimalPercent", (Object a, Object p) -> {
            java.math.BigDecimal x = decimal(a, "decimalPercent");
            java.math.BigDecimal y = decimal(p, "decimalPercent");
            return x == null || y == null ? null : x.multiply(y).movePointLeft(2).stripTrailingZeros().toPlainString();
        });
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
                throw new IllegalArgumentException("$" + function + ": " + v + " is not a number");
            }
            d = java.math.BigDecimal.valueOf(x); // the shortest decimal that is the double
        } else {
            try {
                d = new java.math.BigDecimal(String.valueOf(v).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("$" + function + ": '" + v + "' is not a number");
            }
        }
        if (d.precision() - d.scale() > 40 || d.scale() > 40) {
            throw new IllegalArgumentException("$" + function + ": " + v + " has more than 40 digits before or after"
                    + " the point");
        }
        return d;
    }

    public String file() {
        return file;
    }

    /** Maps one record; a mapping error names the file and the reason. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> apply(Map<String, Object> input) throws MappingException {
        Object out;
        try {
            synchronized (this) { // the compiled expression keeps per-evaluation state
                out = expression.evaluate(input);
            }
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new MappingException(file + ": " + root.getMessage(), e);
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
