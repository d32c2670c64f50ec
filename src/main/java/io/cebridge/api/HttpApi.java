package io.cebridge.api;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.flow.financialsummary.FinancialSummaryQuery;
import io.cebridge.runtime.FlowFailures;
import io.cebridge.store.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the HTTP server of a running ce-bridge (live lookup API and /health): the Vert.x server of {@link ApiServer}
 * for Camel's platform-http, and the beans that routes/live-lookup.yaml calls. `run --once`, replay and a disabled server leave
 * that route file out, so no port is opened by a process that exits after one cycle.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    public static final String ROUTE_FILE = "live-lookup.yaml";
    static final String SUMMARY_SQL = "financial-summary/summary.sql";
    private final ApiServer server;
    private final HealthCheck health;

    private HttpApi(ApiServer server, HealthCheck health) {
        this.server = server;
        this.health = health;
    }

    /**
     * The one call from the runtime before Camel starts. Returns null when the server is off (then live-lookup.yaml is
     * not loaded); {@code erp} gives the ERP pool, or null when no ERP is configured.
     */
    public static HttpApi install(Main main, BridgeConfig cfg, boolean once, Supplier<DataSource> erp,
                                  Path mappingsDir, StateStore store, String bootstrapServers, FlowFailures failures) {
        if (once || !cfg.get(BridgeKeys.HTTP_ENABLED)) {
            return null; // the runtime leaves ROUTE_FILE out
        }
        DataSource erpPool = erp.get();
        Path sql = mappingsDir.resolve(SUMMARY_SQL);
        FinancialSummaryQuery summaries = erpPool == null || !Files.isRegularFile(sql) ? null
                : FinancialSummaryQuery.fromFile(erpPool, sql);
        boolean console = io.cebridge.console.Console.configured(cfg); // a half-set credential stops the start
        // bound before Camel starts: a port in use stops the start here, naming the key
        ApiServer server = new ApiServer(cfg);
        server.listen(cfg);
        HealthCheck health = new HealthCheck(ErpProbe.of(cfg, erpPool), store.dataSource(), bootstrapServers, failures);
        main.bind(ApiServer.ROUTER_NAME, server.camelRouter());
        main.bind("liveLookupAuth", new ApiAuth(cfg.secret(BridgeKeys.HTTP_API_TOKEN)));
        main.bind("liveLookupApi", new LiveLookupApi(store.xref(), summaries, erpPool, health, Clock.systemDefaultZone()));
        main.bind("opsApi", new OpsApi(cfg, store, bootstrapServers, failures));
        if (console) {
            io.cebridge.console.Console.mount(server.router(), server.vertx(),
                    !cfg.get(BridgeKeys.HTTP_TLS_KEYSTORE).isBlank(), server.maxBody(),
                    new io.cebridge.console.ConsoleServices(cfg, store, bootstrapServers, failures,
                            main::getCamelContext, () -> erpPool));
        }
        boolean noToken = cfg.secret(BridgeKeys.HTTP_API_TOKEN).isEmpty();
        LOG.info("HTTP API and /health on {}://{}:{}{}", cfg.get(BridgeKeys.HTTP_TLS_KEYSTORE).isBlank() ? "http" : "https",
                cfg.get(BridgeKeys.HTTP_HOST), server.port(),
                noToken ? " (/api answers 503 until bridge.http.api-token is set)" : "");
        LOG.info(console ? "web console at /console" : "web console off (bridge.console.admin-user and"
                + " bridge.console.admin-password not set)");
        return new HttpApi(server, health);
    }

    /**
     * Serves /observe/metrics and /observe/health/live|ready on this server, without token like /health; ready is
     * /health's check. {@code camel} gives the Camel context once Camel Main has made it.
     */
    public void observe(io.cebridge.observe.ObserveMetrics metrics, Supplier<org.apache.camel.CamelContext> camel) {
        metrics.health(health::check);
        io.cebridge.observe.ObserveRoutes.mount(server.router(), metrics, camel, health::check);
    }

    /** The bound port (the picked one when configured 0). */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        health.close();
        server.close();
    }
}
