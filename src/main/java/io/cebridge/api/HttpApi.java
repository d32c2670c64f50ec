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
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the HTTP server of a running ce-bridge (live lookup API and /health): a Vert.x server for Camel's
 * platform-http, and the beans that routes/live-lookup.yaml calls. `run --once`, replay and a disabled server leave
 * that route file out, so no port is opened by a process that exits after one cycle.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    public static final String ROUTE_FILE = "live-lookup.yaml";
    static final String SUMMARY_SQL = "financial-summary/summary.sql";
    private final VertxPlatformHttpServer server;
    private final HealthCheck health;

    private HttpApi(VertxPlatformHttpServer server, HealthCheck health) {
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
        HealthCheck health = new HealthCheck(erpPool, store.dataSource(), bootstrapServers, failures);
        main.bind("liveLookupAuth", new ApiAuth(cfg.secret(BridgeKeys.HTTP_API_TOKEN)));
        main.bind("liveLookupApi", new LiveLookupApi(store.xref(), summaries, erpPool, health, Clock.systemDefaultZone()));

        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindPort(cfg.get(BridgeKeys.HTTP_PORT)); // 0: Vert.x picks a free port, reported by port()
        VertxPlatformHttpServer server = new VertxPlatformHttpServer(conf);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                try {
                    // a context service starts before the routes, so platform-http finds its router
                    m.getCamelContext().addService(server, true, true);
                    boolean noToken = cfg.secret(BridgeKeys.HTTP_API_TOKEN).isEmpty();
                    // the bound port (when configured 0) is known only once the context has started the server
                    m.getCamelContext().addStartupListener(new StartupListener() {
                        @Override
                        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                        }

                        @Override
                        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                            LOG.info("HTTP API and /health on port {}{}", server.getPort(),
                                    noToken ? " (/api answers 503 until bridge.http.api-token is set)" : "");
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the HTTP server on port "
                            + cfg.get(BridgeKeys.HTTP_PORT) + ": " + e.getMessage(), e);
                }
            }
        });
        return new HttpApi(server, health);
    }

    /** The bound port (the picked one when configured 0). */
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        health.close();
    }
}
