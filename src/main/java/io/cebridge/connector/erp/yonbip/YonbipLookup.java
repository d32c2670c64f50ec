package io.cebridge.connector.erp.yonbip;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds merchants by the field holding the CRM id (list with an "in" condition, in chunks), so a record is saved
 * as an update of its merchant, or not at all when nothing changed; compares a mapped model with what YonBIP holds.
 */
final class YonbipLookup {
    private static final int CHUNK = 200;
    private final YonbipForms forms;
    private final String crmIdField;

    /** One merchant: its id, its code and the record the list gave. */
    record Found(String id, String code, JsonNode values) {
    }

    YonbipLookup(YonbipForms forms, String crmIdField) {
        this.forms = forms;
        this.crmIdField = crmIdField;
    }

    /** The merchant of each CRM id that has one; of two (one made around ce-bridge) the oldest, lowest id. */
    Map<String, Found> byCrmId(List<String> crmIds) {
        Map<String, Found> out = new HashMap<>();
        for (int from = 0; from < crmIds.size(); from += CHUNK) {
            List<String> chunk = crmIds.subList(from, Math.min(crmIds.size(), from + CHUNK));
            for (JsonNode r : forms.list(YonbipForms.MERCHANT_LIST, List.of(Map.of("field", crmIdField, "op", "in",
                    "value1", chunk)), YonbipForms.PAGE)) {
                String crmId = r.path(crmIdField).asText("");
                Found f = new Found(r.path("id").asText(""), r.path("code").asText(""), r);
                out.merge(crmId, f, (a, b) -> older(a, b));
            }
        }
        return out;
    }

    private static Found older(Found a, Found b) {
        try {
            return Long.parseLong(a.id()) <= Long.parseLong(b.id()) ? a : b;
        } catch (NumberFormatException e) {
            return a.id().compareTo(b.id()) <= 0 ? a : b;
        }
    }

    /** True when every mapped field holds what YonBIP holds (a multilingual name compared language by language). */
    static boolean same(Map<String, Object> model, JsonNode stored) {
        for (Map.Entry<String, Object> e : model.entrySet()) {
            if (!equal(e.getValue(), stored.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean equal(Object mine, JsonNode theirs) {
        if (mine instanceof Map<?, ?> m) {
            if (theirs == null || !theirs.isObject()) {
                return false;
            }
            return m.entrySet().stream().allMatch(x -> equal(x.getValue(), theirs.get(String.valueOf(x.getKey()))));
        }
        if (mine instanceof List) {
            return false; // child rows are always sent
        }
        String a = mine == null ? "" : mine.toString();
        String b = theirs == null || theirs.isNull() ? "" : theirs.asText();
        if (a.equals(b)) {
            return true;
        }
        try {
            return new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b)) == 0;
        } catch (NumberFormatException ex) {
            return false;
        }
    }
}
