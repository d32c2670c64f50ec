package io.cebridge.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.flow.FlowStats;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Guards: /observe/metrics counting other figures than the flow delivered and dead-lettered, the dashboard or the
// alerts naming a metric the runtime does not export, and readiness staying UP while the ERP is unreachable.
class ObserveMetricsIT {
    private static final String FLOW = "customer-master";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path tmp;
    private TestErp erp;
    private DemoSalesforceServer crm;

    @AfterEach
    void tearDown() throws Exception {
        if (crm != null) {
            crm.close();
        }
        if (erp != null) {
            erp.close();
        }
    }

    @Test
    void scrapedFiguresEqualWhatTheFlowDidAndReadinessFollowsTheErp() throws Exception {
        // ERP on the local PostgreSQL (so it can be made unreachable), state store embedded H2, shared Kafka broker
        erp = TestErp.create(TestErp.Kind.POSTGRESQL, tmp);
        DemoAccountStore accounts = DemoAccountStore.seeded(Clock.systemUTC());
        crm = new DemoSalesforceServer(accounts, "it-client", "it-secret");
        crm.start(0);
        BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp).enable(FLOW);
        int total = accounts.size();
        try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false).start()) {
            int port = runtime.httpPort();
            FlowStats.Counters counters = runtime.stats().of(FLOW);
            await().atMost(Duration.ofMinutes(2)).until(() -> counters.delivered.get() + counters.deadLettered.get() >= total);
            // the write-backs' echoes are read again (unchanged) until the topic is consumed to its end
            PrometheusText m = await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> scrape(port),
                    s -> s.value("ce_bridge_flow_lag_records", "flow", FLOW) == 0.0);

            Files.writeString(Path.of("target", "observe-metrics-sample.txt"), get(port, ObserveRoutes.METRICS).body());
            assertThat(m.value("ce_bridge_records_total", "flow", FLOW, "outcome", "delivered")).isEqualTo(total - 4);
            assertThat(m.value("ce_bridge_records_total", "flow", FLOW, "outcome", "dead_lettered")).isEqualTo(4);
            assertThat(m.value("ce_bridge_records_total", "flow", FLOW, "outcome", "read")).isGreaterThanOrEqualTo(total);
            assertThat(m.value("ce_bridge_records_total", "flow", FLOW, "outcome", "flagged")).isGreaterThanOrEqualTo(2);
            assertThat(m.value("ce_bridge_records_total", "flow", FLOW, "outcome", "waiting")).isZero();
            assertThat(m.value("ce_bridge_records_total", "flow", FLOW, "outcome", "delivered"))
                    .isEqualTo(counters.delivered.get());
            // one open letter per reason the seeded accounts were refused for, as the store holds them
            for (String reason : Set.of("USCC_FORMAT", "NAME_REQUIRED", "ERP_VALUE_DOES_NOT_FIT", "MAPPING_FAILED")) {
                assertThat(m.value("ce_bridge_dead_letters_open", "flow", FLOW, "reason", reason)).as(reason).isEqualTo(1);
            }
            assertThat(m.find("ce_bridge_dead_letters_open", "flow", FLOW)).hasSize(4);
            assertThat(m.value("ce_bridge_batch_seconds_count", "flow", FLOW)).isPositive();
            assertThat(m.value("ce_bridge_batch_seconds_bucket", "flow", FLOW, "le", "+Inf"))
                    .isEqualTo(m.value("ce_bridge_batch_seconds_count", "flow", FLOW));
            assertThat(m.value("ce_bridge_watermark_age_seconds", "flow", FLOW, "source", "crm")).isBetween(0.0, 120.0);
            // the demo CRM's Sforce-Limit-Info: api-usage=N/100000, N its API calls so far
            double remaining = m.value("ce_bridge_crm_api_remaining");
            assertThat(m.value("ce_bridge_crm_api_limit")).isEqualTo(100_000);
            assertThat(remaining).isLessThan(100_000).isGreaterThanOrEqualTo(100_000 - crm.requestCount("/services/data"));
            // Camel's own route meters
            assertThat(m.find("camel_exchanges_total", "routeId", FLOW + "-delivery")).isNotEmpty();

            // every metric the dashboard and the alert rules use is one this runtime exports
            Set<String> missing = new TreeSet<>(MetricNamesInUse.dashboard(Path.of(DashboardAndAlertsTest.DASHBOARD)));
            missing.addAll(MetricNamesInUse.alerts(Path.of(DashboardAndAlertsTest.ALERTS)));
            missing.removeAll(m.names());
            missing.removeAll(DashboardAndAlertsTest.PROMETHEUS_OWN);
            assertThat(missing).as("metrics used by the dashboard or the alerts but not exported").isEmpty();

            assertThat(get(port, ObserveRoutes.LIVE).statusCode()).isEqualTo(200);
            assertThat(get(port, ObserveRoutes.READY).statusCode()).isEqualTo(200);
            String db = erp.url.substring(erp.url.lastIndexOf('/') + 1);
            // only this test's database becomes unreachable; the shared PostgreSQL server keeps running
            admin("ALTER DATABASE " + db + " ALLOW_CONNECTIONS false");
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "'");
            try {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    HttpResponse<String> ready = get(port, ObserveRoutes.READY);
                    assertThat(ready.statusCode()).isEqualTo(503);
                    com.fasterxml.jackson.databind.JsonNode c = io.cebridge.json.Json.MAPPER.readTree(ready.body()).get("components");
                    assertThat(c.get("erp").get("status").asText()).isEqualTo("DOWN");
                    assertThat(c.get("store").get("status").asText()).isEqualTo("UP");
                });
                assertThat(get(port, ObserveRoutes.LIVE).statusCode()).isEqualTo(200); // the process is fine
            } finally {
                admin("ALTER DATABASE " + db + " ALLOW_CONNECTIONS true");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> get(port, ObserveRoutes.READY).statusCode() == 200);
        }
    }

    private PrometheusText scrape(int port) throws Exception {
        HttpResponse<String> r = get(port, ObserveRoutes.METRICS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        return PrometheusText.parse(r.body());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
