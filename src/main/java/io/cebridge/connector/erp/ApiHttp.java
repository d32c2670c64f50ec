package io.cebridge.connector.erp;

import io.cebridge.error.RetriableException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The HTTP exchange of an ERP reached through its API, failures classified once: no answer within the timeout, a
 * host not reachable or an interrupted call are {@link RetriableException}s for the route's redelivery, their text
 * passed through the connector's {@code clean} (no secret, no token). Every API connector uses it (Kingdee, YonBIP).
 */
public final class ApiHttp {
    private ApiHttp() {
    }

    /** Sends {@code req}; {@code what}: the system and call named in reasons; {@code timeoutKey}: the key to change. */
    public static HttpResponse<String> send(HttpClient http, HttpRequest req, String what, Duration timeout,
                                            String timeoutKey, UnaryOperator<String> clean) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.net.http.HttpTimeoutException e) {
            throw new RetriableException(what + " did not answer within " + timeout.toMillis() + " ms (" + timeoutKey + ")",
                    null);
        } catch (IOException e) {
            throw new RetriableException(what + ": not reachable at " + req.uri().getHost() + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + clean.apply(e.getMessage())), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while waiting for " + what, null);
        }
    }

    /** The server's Retry-After in milliseconds (seconds form), or 0. */
    public static long retryAfterMillis(HttpResponse<?> res) {
        return res.headers().firstValue("Retry-After").map(v -> {
            try {
                return Long.parseLong(v.strip()) * 1000;
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
    }
}
