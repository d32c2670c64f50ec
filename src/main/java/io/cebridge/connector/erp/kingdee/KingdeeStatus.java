package io.cebridge.connector.erp.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Result.ResponseStatus} of a Kingdee answer: Kingdee answers HTTP 200 also when it refuses, so success is
 * this object's {@code IsSuccess} (a boolean, or the string "true"/"false" as the documentation writes it), with the
 * refusals in {@code Errors} and the saved documents in {@code SuccessEntitys}, each naming its model by DIndex.
 */
public record KingdeeStatus(boolean success, int msgCode, List<Problem> errors, List<Saved> saved) {
    /** MsgCode 1: 上下文丢失, the session is gone. */
    public static final int SESSION_LOST = 1;
    /** MsgCode 11: 验证失败 (also "单据已经审核" when auditing an audited document). */
    public static final int VALIDATION_FAILED = 11;
    /** MsgCode 14: 调用限制, throttled. */
    public static final int CALL_LIMIT = 14;
    private static final String LOST_TEXT = "会话信息已丢失";

    /** One refusal: the field Kingdee names (may be empty), its message, and the model it concerns (-1: none). */
    public record Problem(String field, String message, int dIndex) {
        @Override
        public String toString() {
            return field == null || field.isBlank() ? message : field + ": " + message;
        }
    }

    /** One saved document: its internal id (FID / FCUSTID), its number (FNumber / FBillNo) and its model's DIndex. */
    public record Saved(String id, String number, int dIndex) {
    }

    /** Reads the status of an answer whose top level is {@code {"Result": {"ResponseStatus": ...}}}; null if absent. */
    static KingdeeStatus of(JsonNode answer) {
        JsonNode rs = answer == null ? null : answer.path("Result").path("ResponseStatus");
        if (rs == null || !rs.isObject()) {
            return null;
        }
        List<Problem> errors = new ArrayList<>();
        for (JsonNode e : rs.path("Errors")) {
            errors.add(new Problem(text(e.path("FieldName")), text(e.path("Message")), index(e.path("DIndex"))));
        }
        List<Saved> saved = new ArrayList<>();
        for (JsonNode e : rs.path("SuccessEntitys")) {
            saved.add(new Saved(text(e.path("Id")), text(e.path("Number")), index(e.path("DIndex"))));
        }
        return new KingdeeStatus(bool(rs.path("IsSuccess")), intOf(rs.path("MsgCode")), List.copyOf(errors),
                List.copyOf(saved));
    }

    /** True when Kingdee says the session is lost: MsgCode 1, or its documented "会话信息已丢失" message. */
    public boolean sessionLost() {
        return !success && (msgCode == SESSION_LOST || errors.stream().anyMatch(p -> p.message() != null
                && p.message().contains(LOST_TEXT)));
    }

    /** Kingdee's own messages, joined, for a dead letter or an exception. */
    public String messages() {
        if (errors.isEmpty()) {
            return "no message (MsgCode " + msgCode + ")";
        }
        return String.join("; ", errors.stream().map(Problem::toString).toList());
    }

    private static boolean bool(JsonNode n) {
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return n.isTextual() && "true".equalsIgnoreCase(n.textValue().strip());
    }

    private static int intOf(JsonNode n) {
        if (n.isNumber()) {
            return n.intValue();
        }
        if (n.isTextual() && n.textValue().strip().matches("-?\\d{1,9}")) {
            return Integer.parseInt(n.textValue().strip());
        }
        return 0;
    }

    private static int index(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? -1 : intOf(n);
    }

    private static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? null : n.asText();
    }
}
