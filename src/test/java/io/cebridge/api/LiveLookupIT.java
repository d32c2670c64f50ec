package io.cebridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.flow.financialsummary.FinancialSummaryQuery;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.XrefEntry;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Guards: the CRM button showing figures other than the ERP's, the API open without a valid token, and /health
// reporting UP while the ERP cannot be reached.
class LiveLookupIT {
    private static final String TOKEN = "it-live-lookup-token";
    private static final String LINKED = "001LIVELOOKUP00AAA";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build(); // keep 0.00 as sent, to compare scales
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

    private BridgeRuntime start(String token) throws Exception {
        erp = TestErp.create(TestErp.Kind.POSTGRESQL, tmp, true);
        // the customer-master flow runs as in production, against an empty demo CRM: links come from the test
        crm = new DemoSalesforceServer(DemoAccountStore.empty(Clock.systemUTC()), "it-client", "it-secret");
        crm.start(0);
        BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
        if (token != null) {
            h.overrides.put("bridge.http.api-token", token);
        }
        BridgeRuntime runtime = new BridgeRuntime(h.config(), false).start();
        runtime.store().xref().upsert("customer", List.of(new XrefEntry(LINKED, "100103", "v1")));
        return runtime;
    }

    @Test
    void lookupsAnswerTheErpFiguresOnlyWithTheTokenAndHealthFollowsTheErp() throws Exception {
        try (BridgeRuntime runtime = start(TOKEN)) {
            int port = runtime.httpPort();
            assertThat(port).isPositive();

            HttpResponse<String> summary = get(port, "/api/customers/" + LINKED + "/financial-summary", TOKEN);
            assertThat(summary.statusCode()).isEqualTo(200);
            Map<String, Object> expected = FinancialSummaryQuery.fromFile(erp.dataSource(),
                    Path.of("mappings/financial-summary/summary.sql")).compute(List.of("100103"), LocalDate.now()).get("100103");
            JsonNode body = JSON.readTree(summary.body());
            assertThat(body.size()).isEqualTo(expected.size());
            expected.forEach((k, v) -> {
                JsonNode n = body.get(k);
                Object actual = n.isNull() ? null : n.isNumber() ? n.decimalValue() : n.asText();
                assertThat(actual).as(k).isEqualTo(v); // BigDecimal equals: value and scale, 2 decimals
            });
            assertThat(summary.body()).contains("\"creditLimit\":77600.00").contains("\"ytdSales\":0.00")
                    .doesNotContain("E+");

            assertThat(get(port, "/api/customers/" + LINKED + "/financial-summary", "wrong-token").statusCode()).isEqualTo(401);
            assertThat(get(port, "/api/customers/" + LINKED + "/financial-summary", null).statusCode()).isEqualTo(401);
            HttpResponse<String> unknown = get(port, "/api/customers/001NOTLINKED000AAA/financial-summary", TOKEN);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(unknown.body()).get("error").asText()).contains("not linked");

            String product = scalar("SELECT MIN(product_code) FROM erp_stock_level WHERE reserved > 0");
            HttpResponse<String> stock = get(port, "/api/stock/" + product, TOKEN);
            assertThat(stock.statusCode()).isEqualTo(200);
            JsonNode totals = JSON.readTree(stock.body()).get("totals");
            BigDecimal onHand = new BigDecimal(scalar("SELECT SUM(on_hand) FROM erp_stock_level WHERE product_code = '" + product + "'"));
            BigDecimal reserved = new BigDecimal(scalar("SELECT SUM(reserved) FROM erp_stock_level WHERE product_code = '" + product + "'"));
            assertThat(totals.get("onHand").decimalValue()).isEqualTo(onHand);
            assertThat(totals.get("reserved").decimalValue()).isEqualTo(reserved);
            assertThat(totals.get("available").decimalValue()).isEqualTo(onHand.subtract(reserved));
            assertThat(JSON.readTree(stock.body()).get("warehouses").size()).isPositive();
            assertThat(get(port, "/api/stock/NO-SUCH-PRODUCT", TOKEN).statusCode()).isEqualTo(404);

            assertThat(get(port, "/health", null).statusCode()).isEqualTo(200);
            String db = erp.url.substring(erp.url.lastIndexOf('/') + 1);
            // only this test's database becomes unreachable; the shared PostgreSQL server keeps running
            admin("ALTER DATABASE " + db + " ALLOW_CONNECTIONS false");
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "'");
            try {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    HttpResponse<String> health = get(port, "/health", null);
                    assertThat(health.statusCode()).isEqualTo(503);
                    JsonNode c = JSON.readTree(health.body()).get("components");
                    assertThat(c.get("erp").get("status").asText()).isEqualTo("DOWN");
                    assertThat(c.get("store").get("status").asText()).isEqualTo("UP");
                    assertThat(c.get("kafka").get("status").asText()).isEqualTo("UP");
                });
            } finally {
                admin("ALTER DATABASE " + db + " ALLOW_CONNECTIONS true");
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> health = get(port, "/health", null);
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
            });
        }
    }

    @Test
    void withoutAConfiguredTokenTheApiAnswers503AndHealthStillWorks() throws Exception {
        try (BridgeRuntime runtime = start(null)) {
            HttpResponse<String> r = get(runtime.httpPort(), "/api/customers/" + LINKED + "/financial-summary", "anything");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("API token is not configured");
            assertThat(get(runtime.httpPort(), "/api/stock/S10_1678", null).statusCode()).isEqualTo(503);
            assertThat(get(runtime.httpPort(), "/health", null).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String scalar(String sql) throws Exception {
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
