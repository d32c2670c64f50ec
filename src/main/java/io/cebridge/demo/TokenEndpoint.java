package io.cebridge.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** POST /services/oauth2/token for the OAuth 2.0 client-credentials flow. */
final class TokenEndpoint {

    private final String clientId;
    private final String clientSecret;
    private final AccessTokens tokens;
    private final Clock clock;

    TokenEndpoint(String clientId, String clientSecret, AccessTokens tokens, Clock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.tokens = tokens;
        this.clock = clock;
    }

    void handle(HttpExchange exchange, String instanceUrl) throws IOException {
        if (!exchange.getRequestMethod().equalsIgnoreCase("POST")) {
            sendError(exchange, "invalid_request", "must use HTTP POST");
            return;
        }
        // Salesforce takes the parameters from the form body; the query string is accepted as a fallback.
        Map<String, String> params = DemoHttp.parseForm(new String(DemoHttp.body(exchange), StandardCharsets.UTF_8));
        DemoHttp.queryParams(exchange).forEach(params::putIfAbsent);
        if (!"client_credentials".equals(params.get("grant_type"))) {
            sendError(exchange, "unsupported_grant_type", "grant type not supported");
            return;
        }
        if (!constantTimeEquals(clientId, params.get("client_id"))
                || !constantTimeEquals(clientSecret, params.get("client_secret"))) {
            sendError(exchange, "invalid_client", "invalid client credentials");
            return;
        }
        String identityUrl = instanceUrl + "/id/" + DemoSalesforceServer.ORG_ID + "/"
                + DemoSalesforceServer.INTEGRATION_USER_ID;
        String issuedAt = Long.toString(clock.millis());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issue());
        body.put("instance_url", instanceUrl);
        body.put("id", identityUrl);
        body.put("token_type", "Bearer");
        body.put("issued_at", issuedAt);
        body.put("signature", sign(identityUrl + issuedAt));
        DemoHttp.sendJson(exchange, 200, body);
    }

    // Salesforce signs id + issued_at with HMAC-SHA256 keyed by the client secret, so clients can verify it.
    private String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] key = clientSecret.getBytes(StandardCharsets.UTF_8);
            // An HMAC key may not be empty; a demo configured with a blank secret still gets a signature.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendError(HttpExchange exchange, String error, String description) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        DemoHttp.sendJson(exchange, 400, body);
    }
}
