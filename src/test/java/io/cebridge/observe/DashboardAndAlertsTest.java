package io.cebridge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules are well formed and name only documented metrics
 * (ObserveMetricsIT checks the same names against a running ce-bridge's scrape).
 */
class DashboardAndAlertsTest {
    static final String DASHBOARD = "docker/grafana/ce-bridge-dashboard.json";
    static final String ALERTS = "docker/prometheus/alerts.yaml";
    static final String DOC = "docs/operations-metrics.md";
    /** Series Prometheus makes itself for each scrape target. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");
    private static final Pattern DOCUMENTED = Pattern.compile("`([a-z_:][a-z0-9_:]*)`");

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsDocumented() throws Exception {
        Set<String> used = new TreeSet<>(MetricNamesInUse.dashboard(Path.of(DASHBOARD)));
        used.addAll(MetricNamesInUse.alerts(Path.of(ALERTS)));
        assertThat(used).contains("ce_bridge_records_total", "ce_bridge_flow_lag_records", "ce_bridge_dead_letters_open",
                "ce_bridge_watermark_age_seconds", "ce_bridge_batch_seconds_bucket", "ce_bridge_crm_api_remaining",
                "ce_bridge_health_up");
        Set<String> documented = new TreeSet<>();
        Matcher m = DOCUMENTED.matcher(Files.readString(Path.of(DOC)));
        while (m.find()) {
            documented.add(m.group(1));
        }
        for (String name : used) {
            String base = name.replaceAll("_(bucket|count|sum)$", "");
            assertThat(PROMETHEUS_OWN.contains(name) || documented.contains(name) || documented.contains(base))
                    .as(name + " is used but not described in " + DOC).isTrue();
        }
    }

    @Test
    void theWaitingReasonsTheAlertsAndTheDashboardLeaveOutAreTheCodesTheFlowsParkRecordsWith() throws Exception {
        String waiting = String.join("|", io.cebridge.flow.crmtoerp.CrmToErpDelivery.NOT_LINKED,
                io.cebridge.flow.erptocrm.ErpToCrmDelivery.NOT_LINKED, io.cebridge.flow.crmtoerp.Requirements.NEEDS_MAPPING);
        assertThat(Files.readString(Path.of(ALERTS))).contains("reason!~\"" + waiting + "\"");
        assertThat(MetricNamesInUse.dashboardExpressions(Path.of(DASHBOARD)))
                .anySatisfy(e -> assertThat(e).contains("reason!~\"" + waiting + "\""))
                .anySatisfy(e -> assertThat(e).contains("reason=~\"" + waiting + "\""));
    }

    @Test
    void theDashboardIsAGrafanaDashboardWithAQueryInEveryPanel() throws Exception {
        JsonNode root = Json.MAPPER.readTree(Files.readString(Path.of(DASHBOARD)));
        assertThat(root.path("uid").asText()).isEqualTo("ce-bridge");
        assertThat(root.path("schemaVersion").asInt()).isPositive();
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode panel : root.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            for (JsonNode target : panel.path("targets")) {
                assertThat(MetricNamesInUse.names(target.path("expr").asText())).as(target.toString()).isNotEmpty();
                assertThat(balanced(target.path("expr").asText())).as(target.path("expr").asText()).isTrue();
            }
        }
        assertThat(ids).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void everyAlertHasASeverityASummaryAndADuration() throws Exception {
        List<Map<String, Object>> rules = MetricNamesInUse.alertRules(Path.of(ALERTS));
        assertThat(rules).extracting(r -> r.get("alert")).contains("CeBridgeFlowLagGrowing", "CeBridgeDeadLettersOpen",
                "CeBridgeWatermarkStale", "CeBridgeCrmApiAllowanceLow", "CeBridgeHealthDown", "CeBridgeDown")
                .doesNotHaveDuplicates();
        for (Map<String, Object> r : rules) {
            assertThat(String.valueOf(r.get("for"))).as(r.get("alert") + " for").matches("\\d+[smh]");
            @SuppressWarnings("unchecked")
            Map<String, Object> labels = (Map<String, Object>) r.get("labels");
            @SuppressWarnings("unchecked")
            Map<String, Object> annotations = (Map<String, Object>) r.get("annotations");
            assertThat(labels).as(r.get("alert") + " labels").containsKey("severity");
            assertThat(labels.get("severity")).isIn("warning", "critical");
            assertThat(annotations).containsKeys("summary", "description");
            assertThat(balanced(String.valueOf(r.get("expr")))).as(String.valueOf(r.get("expr"))).isTrue();
        }
    }

    @Test
    void namesAreReadFromExpressionsNotFromLabelsFunctionsOrVariables() {
        assertThat(MetricNamesInUse.names("histogram_quantile(0.95, sum by (flow, le) "
                + "(rate(ce_bridge_batch_seconds_bucket{flow=~\"$flow\"}[$__rate_interval])))"))
                .containsExactly("ce_bridge_batch_seconds_bucket");
        assertThat(MetricNamesInUse.names("ce_bridge_flow_lag_records > 0 and on (flow) sum by (flow) "
                + "(increase(ce_bridge_records_total{outcome=~\"a|b\"}[10m])) == 0 offset 5m"))
                .containsExactlyInAnyOrder("ce_bridge_flow_lag_records", "ce_bridge_records_total");
        assertThat(MetricNamesInUse.names("ce_bridge_crm_api_remaining / ce_bridge_crm_api_limit < 1e-1"))
                .containsExactlyInAnyOrder("ce_bridge_crm_api_remaining", "ce_bridge_crm_api_limit");
    }

    private static boolean balanced(String expr) {
        int depth = 0;
        for (char c : expr.toCharArray()) {
            depth += c == '(' || c == '{' || c == '[' ? 1 : c == ')' || c == '}' || c == ']' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }
}
