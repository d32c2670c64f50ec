package io.cebridge.mapping;

import com.dashjoin.jsonata.Jsonata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A JSONata mapping compiled once at load. It maps one record (a map) to one record; {@code $valueMap(name, value)}
 * looks a value up in {@code name.csv} beside the mapping (null when absent) and {@code $valueMapStrict} fails the
 * record with a reason instead.
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
