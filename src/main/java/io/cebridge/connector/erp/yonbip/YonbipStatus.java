package io.cebridge.connector.erp.yonbip;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * The {@code {"code", "message", "data"}} envelope of every YonBIP answer, read strictly: the token API succeeds with
 * code "00000", the business APIs with "200"; any other code is a refusal carrying YonBIP's message. An empty list
 * answers code 118001 (根据条件查询结果为空), which is an empty result, not a refusal.
 */
public record YonbipStatus(String code, String message, JsonNode data) {
    public static final String OK = "200";
    public static final String TOKEN_OK = "00000";
    public static final String EMPTY_RESULT = "118001";
    /** YonBIP documents no code of its own for a token that expired; its messages name the token. */
    private static final Pattern TOKEN_REFUSED = Pattern.compile(
            "(?i)(access_token|token).*(无效|过期|失效|非法|invalid|expired)|(无效|过期|失效|非法|invalid|expired).*token");

    /** The envelope of an answer; null when the answer is not an object with a code (not YonBIP's shape). */
    static YonbipStatus of(JsonNode answer) {
        if (answer == null || !answer.isObject()) {
            return null;
        }
        JsonNode code = answer.get("code");
        if (code == null || !(code.isTextual() || code.isIntegralNumber()) || code.asText().isBlank()) {
            return null;
        }
        JsonNode message = answer.path("message");
        return new YonbipStatus(code.asText().strip(), message.isTextual() ? message.textValue() : "",
                answer.get("data"));
    }

    /** A business API's success. */
    public boolean success() {
        return OK.equals(code);
    }

    /** The token API's success. */
    public boolean tokenIssued() {
        return TOKEN_OK.equals(code);
    }

    /** The gateway refused the access token (expired, revoked, unknown): one new token and one retry are due. */
    public boolean tokenRefused() {
        return !success() && ("401".equals(code) || TOKEN_REFUSED.matcher(message).find());
    }

    /** YonBIP's message with its code, for a dead letter or an exception. */
    public String describe() {
        return (message.isBlank() ? "no message" : message) + " (code " + code + ")";
    }
}
