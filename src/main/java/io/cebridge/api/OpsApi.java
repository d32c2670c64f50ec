package io.cebridge.api;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.config.FlowCatalog;
import io.cebridge.error.Redactor;
import io.cebridge.runtime.DeliveryLag;
import io.cebridge.runtime.FlowFailures;
import io.cebridge.runtime.FlowStatusReport;
import io.cebridge.store.RecordTrailQuery;
import io.cebridge.store.StateStore;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /api/status, GET /api/trail/{id} and GET /api/reconcile/last of a running instance (bean {@code opsApi}, behind the API token): the
 * answers of `status --json` and `trail --json`, with each flow's state as this instance's routes have it.
 */
public final class OpsApi {
    private static final Logger LOG = LoggerFactory.getLogger(OpsApi.class);
    private final BridgeConfig cfg;
    private final StateStore store;
    private final String bootstrapServers;
    private final FlowFailures failures;

    OpsApi(BridgeConfig cfg, StateStore store, String bootstrapServers, FlowFailures failures) {
        this.cfg = cfg;
        this.store = store;
        this.bootstrapServers = bootstrapServers;
        this.failures = failures;
    }

    public void status(Exchange exchange) {
        CamelContext camel = exchange.getContext();
        try (DeliveryLag lag = new DeliveryLag(bootstrapServers, cfg.get(BridgeKeys.KAFKA_TOPIC_PREFIX))) {
            List<FlowStatusReport.Row> rows = FlowStatusReport.build(cfg, store, lag, flow -> state(camel, flow));
            ApiResponses.json(exchange, 200, Map.of("flows", rows.stream().map(FlowStatusReport.Row::toMap).toList()));
        } catch (Exception e) {
            failed(exchange, "status", e);
        }
    }

    public void trail(Exchange exchange) {
        String id = exchange.getMessage().getHeader("recordId", String.class);
        try {
            RecordTrailQuery.Trail trail = new RecordTrailQuery(store.dataSource()).find(id,
                    cfg.catalog().flows().stream().map(FlowCatalog.Flow::name).toList());
            if (trail.isEmpty()) {
                ApiResponses.error(exchange, 404, "nothing in the store for this id");
            } else {
                ApiResponses.json(exchange, 200, trail.toMap());
            }
        } catch (Exception e) {
            failed(exchange, "trail", e);
        }
    }

    /**
     * GET /api/reconcile/last: every flow's last scheduled reconcile (bridge.reconcile.schedule) as {"reports": [{flow,
     * ranAt, agrees, report (as `reconcile --json` without --show-pii), error}]}; 404 when none ran yet.
     */
    public void reconcileLast(Exchange exchange) {
        try {
            List<Map<String, Object>> reports = new java.util.ArrayList<>();
            for (io.cebridge.reconcile.LastReports.Last l : new io.cebridge.reconcile.LastReports(store.dataSource()).all()) {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("flow", l.flow());
                m.put("ranAt", l.ranAt().toString());
                m.put("agrees", l.agrees());
                m.put("report", l.reportJson() == null ? null : io.cebridge.json.Json.readMap(l.reportJson()));
                m.put("error", l.error());
                reports.add(m);
            }
            if (reports.isEmpty()) {
                ApiResponses.error(exchange, 404, "no scheduled reconcile has run (bridge.reconcile.schedule)");
            } else {
                ApiResponses.json(exchange, 200, Map.of("reports", reports));
            }
        } catch (Exception e) {
            failed(exchange, "reconcile", e);
        }
    }

    /** failed: reason (stopped by a system failure), running (a route of the flow runs), stopped, or null (no route). */
    private String state(CamelContext camel, String flow) {
        String failure = failures.stoppedFlows().get(flow);
        if (failure != null) {
            return "failed: " + failure;
        }
        List<Route> routes = io.cebridge.flow.FlowRoutes.routesOf(camel, flow);
        if (routes.isEmpty()) {
            return null;
        }
        boolean started = routes.stream().anyMatch(r -> camel.getRouteController().getRouteStatus(r.getRouteId())
                == ServiceStatus.Started);
        return started ? "running" : "stopped";
    }

    private static void failed(Exchange exchange, String what, Exception e) {
        LOG.warn("{} request failed: {}", what, Redactor.forLog(String.valueOf(e.getMessage())));
        ApiResponses.error(exchange, 503, what + " failed; the reason is in the ce-bridge log");
    }
}
