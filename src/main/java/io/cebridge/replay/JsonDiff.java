package io.cebridge.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Field-level differences between two JSON documents, as "path: expected X, actual Y" lines. */
public final class JsonDiff {
    private JsonDiff() {
    }

    public static List<String> diff(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        walk("$", expected, actual, out);
        return out;
    }

    private static void walk(String path, JsonNode e, JsonNode a, List<String> out) {
        if (e == null || e.isMissingNode()) {
            out.add(path + ": not expected, actual " + a);
            return;
        }
        if (a == null || a.isMissingNode()) {
            out.add(path + ": expected " + e + ", actual is missing");
            return;
        }
        if (e.isObject() && a.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            e.fieldNames().forEachRemaining(keys::add);
            a.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                walk(path + "." + k, e.get(k), a.get(k), out);
            }
        } else if (e.isArray() && a.isArray()) {
            int n = Math.max(e.size(), a.size());
            for (int i = 0; i < n; i++) {
                walk(path + "[" + i + "]", i < e.size() ? e.get(i) : null, i < a.size() ? a.get(i) : null, out);
            }
        } else if (!same(e, a)) {
            out.add(path + ": expected " + e + ", actual " + a);
        }
    }

    private static boolean same(JsonNode e, JsonNode a) {
        if (e.isNumber() && a.isNumber()) {
            return new BigDecimal(e.asText()).compareTo(new BigDecimal(a.asText())) == 0;
        }
        return e.equals(a);
    }
}
