package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.config.FlowCatalog;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.ChildRuntime;
import io.cebridge.it.TestErp;
import io.cebridge.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: `dlq`, `status` and `trail` failing while the runtime (the real jar, a child process) holds the embedded H2
 * store (file locked: a 10 s wait and a stack trace), the store being served beyond this host, and GET /api/status
 * and /api/trail disagreeing with the CLI.
 */
class RunningInstanceCliIT {
    private static final String TOKEN = "running-instance-it-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path tmp;
    private int runs;

    @Test
    void dlqStatusAndTrailAnswerWhileTheRuntimeRunsAndTheStoreIsServedOnLoopbackOnly() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        DemoObjectStore objects = new DemoObjectStore(Clock.systemUTC());
        String good = (String) accounts.create(Map.of("Name", "Running Instance Trading Co")).get("Id");
        String bad = (String) accounts.create(Map.of("Name", "Bad Register Number Co", "USCC__c", "9133010079965505")).get("Id");
        try (TestErp erp = TestErp.create(TestErp.Kind.MARIADB, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, objects, "it-client", "it-secret")) {
            crm.start(0);
            ChildRuntime child = new ChildRuntime(tmp, crm.loginUrl(), erp, Map.of(
                    "bridge.flows.customer-master.poll-interval", "1s", "bridge.http.api-token", TOKEN));
            Process runtime = child.start(1);
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> erp.scalar(
                        "SELECT COUNT(*) FROM erp_customer WHERE crm_account_id = '" + good + "'") == 1);
                String erpNo = erp.column("SELECT customer_no FROM erp_customer WHERE crm_account_id = '" + good + "'").get(0);

                Run dlq = cli("dlq", "list", "--json");
                assertThat(dlq.code).as(dlq.err).isZero();
                assertThat(dlq.err).doesNotContain("\tat ").doesNotContain("Timeout");
                assertThat(dlq.json()).anySatisfy(l -> {
                    assertThat(l.get("sourceId")).isEqualTo(bad);
                    assertThat((String) l.get("reasonCode")).startsWith("USCC_");
                });

                Run status = cli("status", "--json");
                assertThat(status.code).as(status.err).isZero();
                List<Map<String, Object>> flows = status.json();
                assertThat(flows).extracting(f -> f.get("flow")).containsExactlyElementsOf(catalog());
                Map<String, Object> cm = byFlow(flows, "customer-master");
                assertThat(cm.get("state")).isEqualTo("running");
                assertThat(cm.get("lastPoll")).isNotNull();
                assertThat(cm.get("lag")).as("the embedded broker answers").isInstanceOf(Number.class);
                assertThat(((Number) cm.get("openDeadLetters")).intValue()).isGreaterThanOrEqualTo(1);
                @SuppressWarnings("unchecked")
                Map<String, Object> outcomes = (Map<String, Object>) cm.get("outcomes");
                assertThat(((Number) outcomes.get("READ")).intValue()).isGreaterThanOrEqualTo(1);
                assertThat(((Number) outcomes.get("CREATED")).intValue()).isGreaterThanOrEqualTo(1);
                assertThat(byFlow(flows, "contacts").get("state")).isEqualTo("disabled");

                Run trail = cli("trail", good, "--json");
                assertThat(trail.code).as(trail.err).isZero();
                assertTrail(trail.json().get(0), good, erpNo);
                Run byErpKey = cli("trail", erpNo);
                assertThat(byErpKey.code).as(byErpKey.err).isZero();
                assertThat(byErpKey.out).contains(good).contains("CREATED").contains("erp:erp_customer");
                assertThat(cli("trail", "no-such-record").code).isEqualTo(1);

                int port = httpPort(child);
                HttpResponse<String> api = get(port, "/api/status", TOKEN);
                assertThat(api.statusCode()).isEqualTo(200);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> apiFlows = (List<Map<String, Object>>) Json.readMap(api.body()).get("flows");
                assertThat(apiFlows).extracting(f -> f.get("flow")).containsExactlyElementsOf(catalog());
                assertThat(byFlow(apiFlows, "customer-master").get("state")).isEqualTo("running");
                assertThat(get(port, "/api/status", null).statusCode()).isEqualTo(401);
                HttpResponse<String> apiTrail = get(port, "/api/trail/" + good, TOKEN);
                assertThat(apiTrail.statusCode()).isEqualTo(200);
                assertTrail(Json.readMap(apiTrail.body()), good, erpNo);
                assertThat(get(port, "/api/trail/no-such-record", TOKEN).statusCode()).isEqualTo(404);

                assertServedOnLoopbackOnly(child.dataDir().resolve("store").resolve("bridge.server.properties"));
            } finally {
                runtime.destroy(); // SIGTERM: graceful
                assertThat(runtime.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(child.dataDir().resolve("store").resolve("bridge.server.properties")).doesNotExist();
            Run after = cli("status", "--json");
            assertThat(after.code).as(after.err).isZero();
            Map<String, Object> cm = byFlow(after.json(), "customer-master");
            assertThat(cm.get("state")).isEqualTo("stopped");
            assertThat(cm.get("lastPoll")).as("kept when the lease is released").isNotNull();
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertTrail(Map<String, Object> trail, String crmId, String erpNo) {
        assertThat((List<String>) trail.get("ids")).contains(crmId, erpNo);
        List<Map<String, Object>> events = (List<Map<String, Object>>) trail.get("events");
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("READ");
            assertThat(e.get("sourceId")).isEqualTo(crmId);
            assertThat(e.get("target")).isEqualTo("crm");
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("CREATED");
            assertThat(e.get("target")).isEqualTo("erp:erp_customer");
            assertThat(e.get("targetId")).isEqualTo(erpNo);
            assertThat((String) e.get("mappingFile")).startsWith("customer-master/");
            assertThat((String) e.get("mappingHash")).matches("[0-9a-f]{64}");
        });
    }

    /** The key file is the owner's only; the port answers on loopback and not on this host's other addresses. */
    private static void assertServedOnLoopbackOnly(Path file) throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        int port = Integer.parseInt(p.getProperty("port"));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
        }
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                others.addAll(Collections.list(nic.getInetAddresses()));
            }
        }
        for (InetAddress a : others) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(a, port), 2000);
                throw new AssertionError("the store's port " + port + " answers on " + a);
            } catch (IOException refused) {
                // what it must do
            }
        }
        System.out.println("RunningInstanceCliIT: store port " + port + " refused on " + others.size()
                + " non-loopback address(es) " + others);
    }

    private static Map<String, Object> byFlow(List<Map<String, Object>> flows, String flow) {
        return flows.stream().filter(f -> flow.equals(f.get("flow"))).findFirst().orElseThrow();
    }

    private static List<Object> catalog() {
        return new ArrayList<>(FlowCatalog.load(Path.of("routes").toAbsolutePath().toString()).flows().stream()
                .map(FlowCatalog.Flow::name).toList());
    }

    private static int httpPort(ChildRuntime child) {
        Pattern p = Pattern.compile("HTTP API and /health on http://[^:]+:(\\d+)");
        return await().atMost(Duration.ofMinutes(1)).until(() -> {
            Matcher m = p.matcher(Files.readString(child.log(1)));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        }, port -> port > 0);
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One CLI command as users run it: the jar, in its own JVM, on the child's configuration. */
    private Run cli(String... args) throws Exception {
        int n = ++runs;
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", Path.of("target/ce-bridge.jar").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--config", tmp.resolve("config").toString()));
        Path out = tmp.resolve("cli-" + n + ".out");
        Path err = tmp.resolve("cli-" + n + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as(String.join(" ", args) + " ends").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err) {
        List<Map<String, Object>> json() throws Exception {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    lines.add(Json.readMap(line));
                }
            }
            return lines;
        }
    }
}
