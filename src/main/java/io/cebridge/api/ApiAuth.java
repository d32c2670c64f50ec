package io.cebridge.api;

import io.cebridge.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Exchange;

/**
 * Bearer-token check of the /api routes (bean {@code liveLookupAuth}): sets the exchange property
 * {@code bridge.authorized}, or answers 401 / 503 itself. Without a configured token the API stays closed.
 */
public final class ApiAuth {
    static final String AUTHORIZED = "bridge.authorized";
    private static final String BEARER = "Bearer ";
    private final byte[] token;

    public ApiAuth(Secret token) {
        this.token = token.isEmpty() ? null : token.reveal().getBytes(StandardCharsets.UTF_8);
    }

    public void check(Exchange exchange) {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        // the credential has done its job here; no later step, log or trace gets to see it
        exchange.getMessage().removeHeader("Authorization");
        exchange.setProperty(AUTHORIZED, false);
        if (token == null) {
            ApiResponses.error(exchange, 503, "the API token is not configured (bridge.http.api-token)");
        } else if (header == null || !header.startsWith(BEARER)) {
            unauthorized(exchange);
        } else if (!MessageDigest.isEqual(token, header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8))) {
            unauthorized(exchange); // constant-time compare: the answer time does not tell how much of a guess was right
        } else {
            exchange.setProperty(AUTHORIZED, true);
        }
    }

    private static void unauthorized(Exchange exchange) {
        ApiResponses.error(exchange, 401, "missing or wrong bearer token");
        exchange.getMessage().setHeader("WWW-Authenticate", "Bearer");
    }
}
