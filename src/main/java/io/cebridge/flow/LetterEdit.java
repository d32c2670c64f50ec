package io.cebridge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cebridge.error.PiiMask;
import io.cebridge.json.Json;
import io.cebridge.store.DeadLetter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `dlq edit`: changes fields of the record a dead letter holds, which {@link DeadLetterReplay} then sends through the
 * flow again, so an edited value passes the same mapping, cleansing and checks as any record (never written around
 * them). A value keeps its JSON type (a number stays a number); the fields that say which record it is cannot change.
 */
public final class LetterEdit {
    /** Fields naming the record and its version: an edit of them would deliver another record or skip a check. */
    private static final Set<String> IDENTITY = Set.of("Id", "SystemModstamp", "attributes", "sourceId", "sourceVersion",
            "sourceSystem", "documentType");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /** 12 read as an int and 12 given as text are the same value. */
    private static final java.util.Comparator<JsonNode> SAME_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    /** One changed field; before and after as text with identifiers masked, as reasons are stored. */
    public record Change(String field, String before, String after) {
    }

    /** The record to store in the letter and what changed. */
    public record Result(String payload, List<Change> changes) {
    }

    private LetterEdit() {
    }

    /**
     * Applies {@code field=value} assignments ({@code a.b} into objects, {@code lines.0.qty} into lists); throws
     * IllegalArgumentException naming the assignment when one cannot be applied, and then nothing is changed.
     */
    public static Result apply(DeadLetter letter, List<String> assignments, boolean allowNewFields) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(letter.payload() == null ? "" : letter.payload());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            root = null;
        }
        if (!(root instanceof ObjectNode record)) {
            throw new IllegalArgumentException("dead letter " + letter.id() + " holds no JSON record (" + letter.reasonCode()
                    + "): there is nothing to edit; fix it in the source or resolve the letter");
        }
        JsonNode original = record.deepCopy();
        List<Change> changes = new ArrayList<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--set " + assignment + ": expected FIELD=VALUE");
            }
            changes.add(set(record, assignment.substring(0, eq).strip(), assignment.substring(eq + 1), allowNewFields));
        }
        if (record.equals(SAME_VALUE, original)) {
            throw new IllegalArgumentException("nothing changes: the record already holds "
                    + (assignments.size() == 1 ? "that value" : "those values") + "; dlq retry sends it as it is");
        }
        try {
            // decimals as read: a record kept for a number no field can hold (1E+999999999) must not be written out
            String payload = Json.MAPPER.writer().without(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .writeValueAsString(record);
            return new Result(payload, List.copyOf(changes));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the edited record: " + e.getOriginalMessage(), e);
        }
    }

    /** Which path the record takes when it is sent again, in words (for the command's answer and the docs). */
    public static String path(DeadLetter letter, String ingestStage) {
        return letter.stage().equals(ingestStage)
                ? "it is read again as the CRM record it is: inbound mapping, cleansing and the rules, then delivery"
                : "it goes back on the flow's topic as the event it is: every delivery step (link, mapping, the target's"
                + " checks and write)";
    }

    private static Change set(ObjectNode record, String path, String text, boolean allowNewFields) {
        String[] parts = path.split("\\.", -1);
        if (IDENTITY.contains(parts[0])) {
            throw new IllegalArgumentException("--set " + path + ": " + parts[0] + " says which record this is; an edit"
                    + " cannot change it");
        }
        JsonNode parent = record;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = child(parent, parts[i], path);
            if (parent == null || !(parent.isObject() || parent.isArray())) {
                throw new IllegalArgumentException("--set " + path + ": the record has no object or list at "
                        + String.join(".", List.of(parts).subList(0, i + 1)));
            }
        }
        String leaf = parts[parts.length - 1];
        JsonNode before = child(parent, leaf, path);
        if (before == null && (parent.isArray() || !allowNewFields)) {
            throw new IllegalArgumentException("--set " + path + ": the record has no field " + leaf + (parent.isObject()
                    ? " (it has " + fieldNames(parent) + "); --allow-new-fields adds one" : ""));
        }
        JsonNode after = typed(before, text, path);
        if (parent instanceof ObjectNode o) {
            o.set(leaf, after);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(leaf), after);
        }
        return new Change(path, masked(leaf, before == null ? null : before.isNull() ? "null" : before.asText()),
                masked(leaf, after.asText()));
    }

    private static JsonNode child(JsonNode parent, String name, String path) {
        if (parent.isArray()) {
            try {
                int i = Integer.parseInt(name);
                return i >= 0 && i < parent.size() ? parent.get(i) : null;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--set " + path + ": " + name + " is not an index of a list");
            }
        }
        return parent.get(name);
    }

    private static JsonNode typed(JsonNode before, String text, String path) {
        if (before == null || before.isNull() || before.isTextual()) {
            return NODES.textNode(text);
        }
        if (before.isNumber()) {
            try {
                return NODES.numberNode(new BigDecimal(text.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--set " + path + ": the field holds a number; '" + text
                        + "' is not one");
            }
        }
        if (before.isBoolean() && (text.equals("true") || text.equals("false"))) {
            return NODES.booleanNode(Boolean.parseBoolean(text));
        }
        throw new IllegalArgumentException("--set " + path + ": the field holds " + (before.isBoolean()
                ? "true or false" : "a whole " + before.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + "; set its fields one by one"));
    }

    private static String masked(String field, String value) {
        return value == null ? null : PiiMask.reason(value, Json.write(Map.of(field, value)));
    }

    private static String fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }
}
