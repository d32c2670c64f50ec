package io.cebridge.api;

import io.cebridge.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Bearer-token check of the /api routes (bean {@code liveLookupAuth}): sets the exchange property
 * {@code bridge.authorized}, or answers 401 / 503 itself. Without a configured token the API stays closed. The token
 * is read from the request's Authorization header only: platform-http also turns query parameters into message
 * headers, and a token in a URL ends up in proxy logs and browser history. Several configured tokens (comma-separated)
 * are each accepted, for rotation.
 */
public final class ApiAuth {
    static final String AUTHORIZED = "bridge.authorized";
    private static final String BEARER = "Bearer ";
    private final List<byte[]> tokens;

    public ApiAuth(Secret configured) {
        this.tokens = configured.isEmpty() ? List.of() : Arrays.stream(configured.reveal().split(","))
                .map(String::strip).filter(t -> !t.isEmpty()).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    public void check(Exchange exchange) {
        String header = exchange.getMessage() instanceof HttpMessage http ? http.getRequest().getHeader("Authorization")
                : null;
        // the credential has done its job here; no later step, log or trace gets to see it (nor a copy from the query)
        exchange.getMessage().removeHeader("Authorization");
        exchange.setProperty(AUTHORIZED, false);
        if (tokens.isEmpty()) {
            ApiResponses.error(exchange, 503, "the API token is not configured (bridge.http.api-token)");
        } else if (header == null || !header.startsWith(BEARER) || !matches(header.substring(BEARER.length()).strip())) {
            ApiResponses.error(exchange, 401, "missing or wrong bearer token (Authorization header)");
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer");
        } else {
            exchange.setProperty(AUTHORIZED, true);
        }
    }

    // constant-time compare against every token: the answer time tells neither how much of a guess was right nor which
    private boolean matches(String offered) {
        byte[] given = offered.getBytes(StandardCharsets.UTF_8);
        boolean any = false;
        for (byte[] token : tokens) {
            any |= MessageDigest.isEqual(token, given);
        }
        return any;
    }
}
