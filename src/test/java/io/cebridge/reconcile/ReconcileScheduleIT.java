package io.cebridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.json.Json;
import io.cebridge.runtime.BridgeRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Guards: the scheduled reconcile (bridge.reconcile.schedule) not running inside the runtime, its last report missing
 * from GET /api/reconcile/last or disagreeing with what the flow did, ce_bridge_reconcile_differences absent, and a
 * run without its log line. Real runtime (real Kafka), demo CRM, H2 ERP.
 */
class ReconcileScheduleIT {
    private static final String TOKEN = "reconcile-schedule-it-token";
    private static final String FLOW = "customer-master";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path tmp;

    @Test
    void theScheduleStoresEachFlowsLastReportServedAtApiReconcileLastAndAsMetrics() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.seeded(Clock.systemUTC());
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ReconcileSchedule.class);
        logger.addAppender(lines);
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp).enable(FLOW);
            h.overrides.put("bridge.http.api-token", TOKEN);
            h.overrides.put("bridge.reconcile.schedule", "1m");
            h.overrides.put("bridge.reconcile.flows", FLOW);
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false).start()) {
                int port = runtime.httpPort();
                assertThat(get(port, "/api/reconcile/last", null).statusCode()).isEqualTo(401);
                // the first run comes within 30 s of the start; every seeded account is read, whatever was delivered
                HttpResponse<String> last = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> get(port, "/api/reconcile/last", TOKEN), r -> r.statusCode() == 200);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> reports = (List<Map<String, Object>>) Json.readMap(last.body()).get("reports");
                Map<String, Object> cm = reports.stream().filter(r -> FLOW.equals(r.get("flow"))).findFirst().orElseThrow();
                assertThat(cm.get("error")).isNull();
                assertThat(cm.get("ranAt")).isNotNull();
                @SuppressWarnings("unchecked")
                Map<String, Object> report = (Map<String, Object>) cm.get("report");
                assertThat(report.get("flow")).isEqualTo(FLOW);
                assertThat(((Number) report.get("crmRecords")).intValue()).isEqualTo(accounts.size());
                assertThat(report.get("agrees")).isEqualTo(cm.get("agrees"));
                @SuppressWarnings("unchecked")
                Map<String, Object> counts = (Map<String, Object>) report.get("counts");
                long findings = ((List<?>) report.get("findings")).size();
                assertThat(counts.values().stream().mapToLong(v -> ((Number) v).longValue()).sum()).isEqualTo(findings);

                // the same counts as metrics, per kind (0 included)
                String metrics = get(port, "/observe/metrics", null).body();
                for (Map.Entry<String, Object> c : counts.entrySet()) {
                    assertThat(metric(metrics, FLOW, c.getKey())).as(c.getKey())
                            .isEqualTo(((Number) c.getValue()).doubleValue());
                }
                // one log line per run, with counts only
                assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                        .anySatisfy(l -> assertThat(l).startsWith("reconcile " + FLOW + ": ").contains("only in CRM"));
            }
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void aScheduledFlowThatIsNotEnabledStopsTheStartWithItsName() throws Exception {
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(DemoAccountStore.empty(Clock.systemUTC()), "it-client",
                     "it-secret")) {
            crm.start(0);
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp).enable(FLOW);
            h.overrides.put("bridge.reconcile.schedule", "1h");
            h.overrides.put("bridge.reconcile.flows", "expenses");
            BridgeRuntime runtime = new BridgeRuntime(h.config(), false);
            try {
                org.assertj.core.api.Assertions.assertThatThrownBy(runtime::start)
                        .hasMessageContaining("bridge.reconcile.flows: 'expenses' is not enabled here");
            } finally {
                runtime.close();
            }
        }
    }

    private static double metric(String text, String flow, String kind) {
        Matcher m = Pattern.compile("(?m)^ce_bridge_reconcile_differences\\{(?=[^}]*flow=\"" + Pattern.quote(flow)
                + "\")(?=[^}]*kind=\"" + kind + "\")[^}]*} (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
