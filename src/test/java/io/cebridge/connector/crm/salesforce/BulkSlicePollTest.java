package io.cebridge.connector.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.Secret;
import io.cebridge.connector.Paging;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.store.StateStore;
import io.cebridge.store.Watermark;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poll above the Bulk threshold hands a result set to the route a slice at a time: every record once, in the
 * query's order, the watermark at the last one.
 */
class BulkSlicePollTest {
    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void aResultSetLargerThanASliceIsHandedOnWholeASliceAtATime() throws Exception {
        int n = 2 * SalesforcePoller.BULK_SLICE + 345;
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        for (int i = 0; i < n; i++) {
            accounts.create(Map.of("Name", "Slice Customer " + i));
        }
        try (DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "slice-client", "slice-secret");
             StateStore store = StateStore.open(BridgeConfig.load(null, Map.of(), new Properties(),
                     Map.of("bridge.data-dir", tmp.resolve("data").toString())), 2);
             DefaultCamelContext camel = new DefaultCamelContext()) {
            crm.start(0);
            SalesforceClient client = new SalesforceClient(crm.loginUrl(), "slice-client", new Secret("slice-secret"),
                    "60.0", Duration.ofSeconds(10), 2000, HostPolicy.localStandIn());
            client.bulk(100, ApiReserve.parse("0"));
            SalesforcePoller poller = new SalesforcePoller(client, store.watermarks(), "slices", "Account",
                    List.of("Id", "Name", "SystemModstamp"), "SystemModstamp", Duration.ofSeconds(5));

            Exchange exchange = new DefaultExchange(camel);
            List<Integer> pages = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            String lastStamp = null;
            do {
                poller.readPage(exchange);
                List<Map<String, Object>> page = exchange.getMessage().getBody(List.class);
                pages.add(page.size());
                for (Map<String, Object> r : page) {
                    ids.add((String) r.get("Id"));
                    lastStamp = (String) r.get("SystemModstamp");
                }
                assertThat(exchange.getProperty(Paging.READ_IN_BULK, Boolean.class)).isTrue();
                poller.commitPage(exchange);
            } while (Boolean.TRUE.equals(exchange.getProperty(SalesforcePoller.MORE_PAGES, Boolean.class)));

            assertThat(pages).containsExactly(SalesforcePoller.BULK_SLICE, SalesforcePoller.BULK_SLICE, 345);
            assertThat(ids).doesNotHaveDuplicates().hasSize(n);
            Watermark w = store.watermarks().get("slices").orElseThrow();
            assertThat(w.tieId()).isEqualTo(ids.get(n - 1));
            assertThat(w.stamp()).isEqualTo(lastStamp);
        }
    }
}
