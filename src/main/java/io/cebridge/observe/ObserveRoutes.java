package io.cebridge.observe;

import io.cebridge.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;

/**
 * GET /observe/metrics (Prometheus text), /observe/health/live and /observe/health/ready on the runtime's own HTTP
 * server: no token, like /health, and only where bridge.http.host binds. Live: the process answers and Camel is
 * not stopped or suspended; ready: every component of /health is UP. Both 200 or 503 with a JSON body; HEAD the status only.
 */
public final class ObserveRoutes {
    public static final String METRICS = "/observe/metrics";
    public static final String LIVE = "/observe/health/live";
    public static final String READY = "/observe/health/ready";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private ObserveRoutes() {
    }

    /**
     * Adds the three routes. {@code readiness} is the /health check ({"status": "UP"|"DOWN", "components": ...});
     * {@code camel} gives the context once Camel Main has made it (null before).
     */
    public static void mount(Router router, ObserveMetrics metrics, Supplier<CamelContext> camel,
                             Supplier<Map<String, Object>> readiness) {
        // blocking: a scrape reads the store and Kafka, the readiness check waits for ERP, store and Kafka
        router.get(METRICS).blockingHandler(ctx -> ctx.response().putHeader("Content-Type", PROMETHEUS_TEXT)
                .end(metrics.scrape()), false);
        router.route(LIVE).method(io.vertx.core.http.HttpMethod.GET).method(io.vertx.core.http.HttpMethod.HEAD)
                .handler(ctx -> answer(ctx, liveness(camel.get())));
        router.route(READY).method(io.vertx.core.http.HttpMethod.GET).method(io.vertx.core.http.HttpMethod.HEAD)
                .blockingHandler(ctx -> answer(ctx, readiness.get()), false);
    }

    static Map<String, Object> liveness(CamelContext camel) {
        ServiceStatus status = camel == null ? ServiceStatus.Initializing : camel.getStatus();
        // a start that fails ends the process; what is left to report is Camel stopped or suspended under it
        boolean up = !(status.isStopping() || status.isStopped() || status.isSuspending() || status.isSuspended());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", up ? "UP" : "DOWN");
        out.put("camel", status.name());
        return out;
    }

    private static void answer(RoutingContext ctx, Map<String, Object> body) {
        int code = "UP".equals(body.get("status")) ? 200 : 503;
        ctx.response().setStatusCode(code).putHeader("Content-Type", "application/json; charset=utf-8");
        if (ctx.request().method() == io.vertx.core.http.HttpMethod.HEAD) {
            ctx.response().end();
        } else {
            ctx.response().end(Json.write(body));
        }
    }
}
