package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.json.Json;
import io.cebridge.runtime.BridgeRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: `status` next to a running instance showing the flows its own configuration enables (a demo's flows as
 * `disabled`) instead of what the instance runs, and not saying which of the two it shows. Real runtime, embedded H2
 * store served to the CLI, demo CRM, H2 ERP.
 */
class StatusFromRunningInstanceIT {
    @TempDir
    Path tmp;

    @Test
    void statusShowsTheRunningInstancesFlowsAndFallsBackToTheConfigurationWhenItStops() throws Exception {
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(DemoAccountStore.seeded(Clock.systemUTC()),
                     "it-client", "it-secret")) {
            crm.start(0);
            // the instance runs contacts too; the CLI's configuration (same data dir) leaves contacts off
            BridgeHarness instance = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp)
                    .enable("customer-master", "contacts");
            BridgeHarness cli = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
            cli.overrides.put("bridge.flows.contacts.enabled", "false");
            try (BridgeRuntime runtime = new BridgeRuntime(instance.config(), false).start()) {
                List<Map<String, Object>> rows = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> json(status(cli, "--json")), r -> "running".equals(byFlow(r, "contacts").get("state")));
                assertThat(rows).allSatisfy(r -> assertThat(r.get("shownFrom")).isEqualTo("instance"));
                assertThat(byFlow(rows, "customer-master").get("state")).isEqualTo("running");
                assertThat(byFlow(rows, "expenses").get("state")).isEqualTo("disabled");
                @SuppressWarnings("unchecked")
                List<String> instances = (List<String>) rows.get(0).get("instances");
                assertThat(instances).singleElement().satisfies(i ->
                        assertThat(i).startsWith(ProcessHandle.current().pid() + "@"));
                String text = status(cli);
                assertThat(text).startsWith("flows of the running instance " + instances.get(0));
                assertThat(text.lines().filter(l -> l.startsWith("contacts "))).singleElement()
                        .satisfies(l -> assertThat(l).contains("running"));
            }
            // stopped: its rows are gone, the configuration's flows show again, and say so
            List<Map<String, Object>> after = json(status(cli, "--json"));
            assertThat(after).allSatisfy(r -> assertThat(r.get("shownFrom")).isEqualTo("configuration"));
            assertThat(byFlow(after, "contacts").get("state")).isEqualTo("disabled");
            assertThat(byFlow(after, "customer-master").get("state")).isEqualTo("stopped");
            assertThat(status(cli)).startsWith("flows of the configuration (no running instance");
        }
    }

    private static Map<String, Object> byFlow(List<Map<String, Object>> rows, String flow) {
        return rows.stream().filter(r -> flow.equals(r.get("flow"))).findFirst().orElseThrow(() ->
                new AssertionError("no row for " + flow + " in " + rows));
    }

    private static List<Map<String, Object>> json(String out) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            rows.add(Json.readMap(line));
        }
        return rows;
    }

    /** `status` as an operator runs it, with the harness's settings in a config directory. */
    private String status(BridgeHarness bridge, String... args) throws Exception {
        Path cfgDir = tmp.resolve("config");
        Files.createDirectories(cfgDir);
        Properties p = new Properties();
        p.putAll(bridge.overrides);
        try (var w = Files.newBufferedWriter(cfgDir.resolve("application.properties"))) {
            p.store(w, null);
        }
        List<String> full = new ArrayList<>(List.of("status"));
        full.addAll(List.of(args));
        full.addAll(List.of("--config", cfgDir.toString()));
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BridgeCli.execute(full.toArray(String[]::new));
        } finally {
            System.setOut(old);
        }
        assertThat(exit).isZero();
        return buf.toString(StandardCharsets.UTF_8);
    }
}
