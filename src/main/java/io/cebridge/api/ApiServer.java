package io.cebridge.api;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vert.x HTTP server behind Camel's platform-http (routes/live-lookup.yaml), built with Vert.x's own options
 * because Camel's VertxPlatformHttpServer exposes neither timeouts nor a bind failure: bind address, idle timeout,
 * body limit, TLS from a keystore, and a header timeout against clients that trickle a request in. Its router is the
 * one platform-http consumers find in the registry ({@link #ROUTER_NAME}). It listens before Camel starts, so a port
 * in use stops the start instead of leaving a runtime without HTTP server.
 */
final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** The name platform-http consumers fall back to whatever port they assume. */
    static final String ROUTER_NAME = VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO;
    private static final List<Integer> CLIENT_ERRORS = List.of(400, 405, 413, 415);
    private final Vertx vertx;
    private final HttpServer server;
    private final Router router;
    private final VertxPlatformHttpRouter camelRouter;
    private final long headerTimeoutMs;
    private final long maxBody;
    private final Map<HttpConnection, Long> awaitingHeaders = new ConcurrentHashMap<>();

    ApiServer(BridgeConfig cfg) {
        this.headerTimeoutMs = Math.max(1, cfg.get(BridgeKeys.HTTP_HEADER_TIMEOUT).toMillis());
        this.maxBody = cfg.get(BridgeKeys.HTTP_MAX_BODY_SIZE);
        HttpServerOptions options = new HttpServerOptions()
                .setHost(cfg.get(BridgeKeys.HTTP_HOST))
                .setPort(cfg.get(BridgeKeys.HTTP_PORT))
                .setIdleTimeout((int) Math.max(1, cfg.get(BridgeKeys.HTTP_IDLE_TIMEOUT).toMillis()))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                // HTTP/1.1 only: the header timeout is per connection, and HTTP/2 would multiplex requests on one
                .setHttp2ClearTextEnabled(false);
        String keystore = cfg.get(BridgeKeys.HTTP_TLS_KEYSTORE);
        if (!keystore.isBlank()) {
            if (!Files.isReadable(Path.of(keystore))) {
                throw new io.cebridge.config.ConfigException(List.of(BridgeKeys.HTTP_TLS_KEYSTORE.name() + ": " + keystore
                        + " cannot be read"));
            }
            options.setSsl(true).setKeyCertOptions(new KeyStoreOptions()
                    .setType(keystore.toLowerCase(java.util.Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12")
                    .setPath(keystore).setPassword(cfg.secret(BridgeKeys.HTTP_TLS_KEYSTORE_PASSWORD).reveal()));
        }
        this.vertx = Vertx.vertx();
        this.router = Router.router(vertx);
        CLIENT_ERRORS.forEach(status -> router.errorHandler(status, this::clientError));
        router.route().failureHandler(this::brokenRequest);
        this.camelRouter = new VertxPlatformHttpRouter(null, vertx, router, ROUTER_NAME) {
            @Override
            public io.vertx.core.Handler<RoutingContext> bodyHandler() {
                return BodyHandler.create(false).setBodyLimit(maxBody);
            }
        };
        this.server = vertx.createHttpServer(options)
                .connectionHandler(this::awaitHeaders)
                .requestHandler(this::headersArrived)
                .invalidRequestHandler(request -> {
                    warn(request, request.decoderResult().cause() == null ? "malformed request"
                            : oneLine(request.decoderResult().cause().getMessage()));
                    HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(request);
                })
                .exceptionHandler(e -> LOG.warn("HTTP connection failed: {}", oneLine(String.valueOf(e.getMessage()))));
    }

    /** The router to bind as {@link #ROUTER_NAME}. */
    VertxPlatformHttpRouter camelRouter() {
        return camelRouter;
    }

    /** Binds the port, or throws naming bridge.http.host / bridge.http.port and the reason (e.g. in use). */
    void listen(BridgeConfig cfg) {
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the HTTP server", e);
        } catch (Exception e) {
            Throwable t = e.getCause() == null ? e : e.getCause();
            close();
            String keystore = cfg.get(BridgeKeys.HTTP_TLS_KEYSTORE);
            throw new IllegalStateException(BridgeKeys.HTTP_PORT.name() + " " + cfg.get(BridgeKeys.HTTP_PORT) + " on "
                    + BridgeKeys.HTTP_HOST.name() + " " + cfg.get(BridgeKeys.HTTP_HOST)
                    + (keystore.isBlank() ? "" : " with TLS from " + BridgeKeys.HTTP_TLS_KEYSTORE.name() + " " + keystore)
                    + ": the HTTP server cannot listen: " + t.getMessage() + (keystore.isBlank() ? "" : " (or the"
                    + " keystore and bridge.http.tls.keystore-password do not match)") + " (another process holds the"
                    + " port, or the address is not this machine's)", t);
        }
    }

    int port() {
        return server.actualPort();
    }

    /** The Vert.x router of this server, for routes mounted without Camel (/observe). */
    Router router() {
        return router;
    }

    /** The Vert.x instance of this server (the console's session store runs on it). */
    Vertx vertx() {
        return vertx;
    }

    /** The largest request body this server reads (bridge.http.max-body-size). */
    long maxBody() {
        return maxBody;
    }

    // A connection gets headerTimeout to deliver a request's line and headers; Vert.x calls the request handler once
    // they are complete, and the next request's wait starts when the answer has gone out.
    private void awaitHeaders(HttpConnection connection) {
        arm(connection, true);
        connection.closeHandler(v -> disarm(connection));
    }

    private void headersArrived(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        disarm(connection);
        // every answer of this server (figures, health, errors) is for this caller now, never for a cache
        request.response().putHeader("Cache-Control", "no-store");
        request.response().endHandler(v -> arm(connection, false));
        router.handle(request);
    }

    /** {@code first}: a new connection (a slow one is worth a warning); else a kept-alive one between requests. */
    private void arm(HttpConnection connection, boolean first) {
        long timer = vertx.setTimer(headerTimeoutMs, id -> {
            if (awaitingHeaders.remove(connection, id)) {
                if (first) {
                    LOG.warn("HTTP client {} sent no complete request headers within {} ms"
                            + " (bridge.http.header-timeout): connection closed", connection.remoteAddress(), headerTimeoutMs);
                } else {
                    LOG.debug("HTTP client {} kept a connection open without a next request: closed",
                            connection.remoteAddress());
                }
                connection.close();
            }
        });
        Long previous = awaitingHeaders.put(connection, timer);
        if (previous != null) {
            vertx.cancelTimer(previous);
        }
    }

    private void disarm(HttpConnection connection) {
        Long timer = awaitingHeaders.remove(connection);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    /** A client's bad request: one WARN line (no stack trace) and a short JSON answer. */
    private void clientError(RoutingContext ctx) {
        int status = ctx.statusCode() < 400 ? 400 : ctx.statusCode(); // a failure without a status (a bad %-escape)
        String reason = switch (status) {
            case 413 -> "body larger than bridge.http.max-body-size (" + maxBody + " bytes)";
            case 405 -> "method not allowed";
            case 415 -> "unsupported media type";
            default -> ctx.failure() == null ? "bad request" : oneLine(String.valueOf(ctx.failure().getMessage()));
        };
        warn(ctx.request(), reason);
        if (!ctx.response().ended() && !ctx.response().headWritten()) {
            ctx.response().setStatusCode(status)
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .putHeader("Cache-Control", "no-store");
            String body = "{\"status\":" + status + ",\"error\":\"" + reason + "\"}";
            if (status == 413) {
                // the rest of the body is not read: the connection ends with the answer
                ctx.response().putHeader("Connection", "close").end(body)
                        .onComplete(done -> ctx.request().connection().close());
            } else {
                ctx.response().end(body);
            }
        }
    }

    /**
     * A request body the HTTP decoder could not read (a bad chunk size) or a client gone mid-body: Vert.x fails the
     * request with no status, which no error handler matches, and its router would log an ERROR with a stack trace
     * that any client can provoke. One WARN line instead, and the connection is closed; anything else goes on.
     */
    private void brokenRequest(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        boolean decoder = failure != null && failure.getStackTrace().length > 0
                && failure.getStackTrace()[0].getClassName().startsWith("io.netty.handler.codec.http.");
        if (!(failure instanceof io.vertx.core.http.HttpClosedException) && !decoder) {
            ctx.next();
            return;
        }
        if (decoder) {
            warn(ctx.request(), "unreadable body (" + oneLine(failure.getClass().getSimpleName() + ": "
                    + failure.getMessage()) + ")");
        }
        if (!ctx.response().closed()) {
            ctx.request().connection().close();
        }
    }

    // the path only: a query string may carry what must not be logged
    private static void warn(HttpServerRequest request, String reason) {
        LOG.warn("HTTP client {} sent a bad request ({} {}): {}", request.remoteAddress(), request.method(),
                oneLine(request.path() == null ? "?" : request.path()), reason);
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("[\\r\\n\\t]+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("closing the HTTP server", e);
        }
        vertx.close();
    }
}
