package io.cebridge.operate;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.error.PiiMask;
import io.cebridge.json.Json;
import io.cebridge.store.DeadLetter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dead letter as `dlq list` and `dlq show` print it: identifiers in the reason, the note and the record masked
 * unless the person asked for them (--show-pii), the category next to the reason code.
 */
public final class LetterView {
    public static final List<String> COLUMNS = List.of("id", "flow", "category", "status", "attempts", "stage",
            "sourceId", "sourceVersion", "reasonCode", "reason", "firstFailedAt", "lastFailedAt", "resolvedAt",
            "resolvedBy", "note");
    private final boolean showPii;

    public LetterView(boolean showPii) {
        this.showPii = showPii;
    }

    /** Letters stored before reasons were masked at write are masked here too. */
    public String reason(DeadLetter d) {
        return showPii ? PiiMask.reveal(d.reason(), d.payload()) : PiiMask.reason(d.reason(), d.payload());
    }

    /** A person's note can quote the record's values as well. */
    public String note(DeadLetter d) {
        return d.resolutionNote() == null || showPii ? d.resolutionNote() : PiiMask.reason(d.resolutionNote(), d.payload());
    }

    /** The values of {@link #COLUMNS}, in that order. */
    public Map<String, Object> fields(DeadLetter d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("flow", d.flow());
        m.put("category", d.category().label());
        m.put("status", d.status());
        m.put("attempts", d.attempts());
        m.put("stage", d.stage());
        m.put("sourceId", d.sourceId());
        m.put("sourceVersion", d.sourceVersion());
        m.put("reasonCode", d.reasonCode());
        m.put("reason", reason(d));
        m.put("firstFailedAt", text(d.firstFailedAt()));
        m.put("lastFailedAt", text(d.lastFailedAt()));
        m.put("resolvedAt", text(d.resolvedAt()));
        m.put("resolvedBy", d.resolvedBy());
        m.put("note", note(d));
        return m;
    }

    /** One line of the text table. */
    public String line(DeadLetter d) {
        return String.format("%-5d %-16s %-17s %-15s %3d  %-12s %-20s %-26s %s", d.id(), d.flow(), d.category().label(),
                d.status(), d.attempts(), d.stage(), d.sourceId(), d.reasonCode(), reason(d));
    }

    public static String header() {
        return String.format("%-5s %-16s %-17s %-15s %3s  %-12s %-20s %-26s %s", "ID", "FLOW", "CATEGORY", "STATUS",
                "TRY", "STAGE", "SOURCE ID", "REASON CODE", "REASON");
    }

    /** The record the letter holds, one {@code path = value} per field, identifiers masked unless asked for. */
    public List<String> record(DeadLetter d) {
        List<String> out = new ArrayList<>();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(d.payload() == null ? "" : d.payload());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isContainerNode()) {
            out.add("(not a JSON record: " + (d.payload() == null ? 0 : d.payload().length()) + " characters)");
            return out;
        }
        walk(root, "", null, out);
        return out;
    }

    private void walk(JsonNode node, String path, String field, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                    e.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "." + i, field, out);
            }
        } else {
            String value = node.isNull() ? "null" : node.isTextual() ? "'" + node.asText() + "'" : node.asText();
            out.add(path + " = " + (showPii || field == null ? value : PiiMask.reason(value,
                    Json.write(Map.of(field, node.asText())))));
        }
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
