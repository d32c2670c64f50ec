package io.cebridge.runtime;

import io.cebridge.error.Redactor;
import io.cebridge.error.SystemFailureException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Called by the shared error configuration when a route step fails after its retries: remembers the failure per
 * route (for `run --once` and health) and stops the routes of a flow whose failure is a system failure, since
 * retrying bad credentials or a missing table in a loop helps nobody.
 */
public final class FlowFailures {
    private static final Logger LOG = LoggerFactory.getLogger(FlowFailures.class);
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();
    private final Map<String, String> stoppedFlows = new ConcurrentHashMap<>();

    public void record(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String route = exchange.getFromRouteId();
        String message = e == null ? "unknown failure" : Redactor.forLog(e.getMessage());
        lastFailure.put(route, message);
        if (e instanceof SystemFailureException) {
            org.apache.camel.CamelContext ctx = exchange.getContext();
            org.apache.camel.Route failed = ctx.getRoute(route);
            String owner = failed == null ? null : io.cebridge.flow.FlowRoutes.flowOf(ctx, failed);
            String flow = owner != null ? owner : route;
            LOG.error("flow {} stopped (route {}): {} -- fix the configuration and restart", flow, route, message);
            stoppedFlows.put(flow, message);
            List<String> ids = ctx.getRoutes().stream()
                    .filter(r -> r.getRouteId().equals(route) || flow.equals(io.cebridge.flow.FlowRoutes.flowOf(ctx, r)))
                    .map(org.apache.camel.Route::getRouteId).toList();
            // stopping a route from its own thread would wait for itself: the route controller does it on another
            java.util.concurrent.ExecutorService stopper = ctx.getExecutorServiceManager()
                    .newSingleThreadExecutor(this, "ce-bridge-stop-" + flow);
            stopper.submit(() -> {
                for (String id : ids) {
                    try {
                        ctx.getRouteController().stopRoute(id);
                    } catch (Exception ex) {
                        LOG.warn("could not stop route {}: {}", id, ex.getMessage());
                    }
                }
                ctx.getExecutorServiceManager().shutdown(stopper);
            });
        } else {
            LOG.warn("route {} failed; nothing was acknowledged, it resumes on the next poll: {}", route, message);
        }
    }

    public Optional<String> failure(String routeId) {
        return Optional.ofNullable(lastFailure.get(routeId));
    }

    /** Flows stopped by a system failure, with the (redacted) reason; they stay stopped until a restart. */
    public Map<String, String> stoppedFlows() {
        return Map.copyOf(stoppedFlows);
    }

    public Map<String, String> all() {
        return Map.copyOf(lastFailure);
    }

}
