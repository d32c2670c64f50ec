package io.cebridge.flow.customermaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import io.cebridge.it.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards: a mapping edit needing a restart, or a broken edit taking a running flow down. */
class HotReloadIT {
    @TempDir
    Path tmp;

    @Test
    void aRunningRuntimePicksUpAMappingEditAndRefusesABrokenOne() throws Exception {
        Path mappings = TestFiles.copyTree(Path.of("mappings"), tmp.resolve("mappings"));
        Path outbound = mappings.resolve("customer-master/customer-to-erp-customer.jsonata");
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        String first = (String) accounts.create(Map.of("Name", "Reload One Ltd", "BillingCity", "Berlin")).get("Id");
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
            h.overrides.put("bridge.mappings-dir", mappings.toString());
            h.overrides.put("bridge.flows.customer-master.poll-interval", "500ms");
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false)) {
                runtime.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> "Berlin".equals(city(erp, first)));

                // a valid edit: the ERP city now carries the upper-cased CRM city
                edit(outbound, "\"city\": address.city", "\"city\": $uppercase(address.city)");
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    accounts.update(first, Map.of("Phone", "+49 30 " + System.nanoTime() % 10_000_000), "005000000000009AAA");
                    return "BERLIN".equals(city(erp, first));
                });

                // a broken edit is refused; the last good mapping keeps delivering
                edit(outbound, "\"city\": $uppercase(address.city)", "\"city\": $uppercase(address.city");
                String second = (String) accounts.create(Map.of("Name", "Reload Two Ltd", "BillingCity", "Hamburg")).get("Id");
                await().atMost(Duration.ofSeconds(30)).until(() -> "HAMBURG".equals(city(erp, second)));
                assertThat(runtime.failures().all()).isEmpty();
            }
        }
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String s = Files.readString(file);
        assertThat(s).contains(from);
        Files.writeString(file, s.replace(from, to));
        // file systems with coarse timestamps could hide two edits within one tick
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(1)));
    }

    private static String city(TestErp erp, String crmId) throws Exception {
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT city FROM erp_customer WHERE crm_account_id = '" + crmId + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
