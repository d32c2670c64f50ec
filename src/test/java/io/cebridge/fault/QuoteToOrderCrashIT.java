package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.config.Secret;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.ChildRuntime;
import io.cebridge.it.DemoQuotes;
import io.cebridge.it.TestErp;
import io.cebridge.store.Pools;
import io.cebridge.store.StateStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: a second ERP order for a quote, an order without its lines, or a quote left without its order number when the
 * runtime (the real jar, a child process) is killed with SIGKILL after the ERP committed orders and before their
 * numbers were written back to the CRM (two such kills, or as many as the quotes allow), on MariaDB.
 */
class QuoteToOrderCrashIT {
    private static final int QUOTES = 1_500;
    private static final int LINES = 5;
    private static final int ACCOUNTS = 30;
    @TempDir
    Path tmp;

    @Test
    void killedBetweenTheErpCommitAndTheWriteBackThenEveryQuoteHasExactlyOneWholeOrder() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        DemoObjectStore objects = new DemoObjectStore(Clock.systemUTC());
        List<String> accountIds = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            accountIds.add((String) accounts.create(Map.of("Name", "Crash Quote Customer " + i)).get("Id"));
        }
        try (TestErp erp = TestErp.create(TestErp.Kind.MARIADB, tmp, true);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, objects, "it-client", "it-secret")) {
            List<DemoQuotes.Product> products = DemoQuotes.products(erp.dataSource(), objects, 40);
            for (int q = 0; q < QUOTES; q++) {
                DemoQuotes.accepted(objects, accountIds.get(q % ACCOUNTS), products, q, LINES);
            }
            crm.start(0);
            ChildRuntime child = new ChildRuntime(tmp, crm.loginUrl(), erp, Map.of(
                    "bridge.flows.customer-master.poll-interval", "1s",
                    "bridge.flows.quote-to-order.enabled", "true",
                    "bridge.flows.quote-to-order.poll-interval", "1s",
                    "bridge.flows.quote-to-order.batch-size", "100"));

            // each kill aims at the window it guards: the ERP holds orders whose numbers the CRM has not got yet. A
            // write-back can close that window between the check and the SIGKILL, so a kill that missed it is followed
            // by another, further on, until two have hit it (the quotes last for ten tries).
            long t0 = System.nanoTime();
            long withoutNumber = 0;
            int hits = 0;
            int run = 0;
            for (int tenth = 1; tenth < 10 && hits < 2; tenth++) {
                int threshold = QUOTES * tenth / 10;
                if (orders(erp) >= threshold) {
                    continue;
                }
                Process p = child.start(++run);
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(10))
                        .until(() -> orders(erp) >= threshold && orders(erp) > numbered(objects));
                ChildRuntime.kill(p);
                long open = orders(erp) - numbered(objects);
                if (open > 0) {
                    hits++;
                    withoutNumber += open;
                }
            }
            assertThat(hits).as("kills that came with orders committed in the ERP, their numbers not yet in the CRM")
                    .isPositive();

            Process last = child.start(++run);
            try {
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
                        .until(() -> orders(erp) >= QUOTES && numbered(objects) == QUOTES);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                System.out.println("QuoteToOrderCrashIT: " + orders(erp) + " orders, " + numbered(objects)
                        + " numbered quotes of " + QUOTES + "; the last lines of run " + run + ":\n" + child.tail(run, 80));
                throw e;
            }
            System.out.printf("QuoteToOrderCrashIT: %d quotes x %d lines, %d SIGKILLs (%d of them with %d orders committed and"
                    + " not yet numbered in the CRM), all delivered once after %.1f s%n", QUOTES, LINES, run - 1, hits,
                    withoutNumber,
                    (System.nanoTime() - t0) / 1e9);
            last.destroy(); // SIGTERM: graceful
            assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();

            Map<String, String> orderOfQuote = new HashMap<>();
            try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT crm_quote_id, order_no FROM erp_sales_order WHERE order_source = 'CRM'")) {
                while (rs.next()) {
                    assertThat(orderOfQuote.put(rs.getString(1), rs.getString(2))).as("one ERP order per quote").isNull();
                }
            }
            assertThat(orderOfQuote).hasSize(QUOTES);
            for (Map<String, Object> q : objects.records("Quote")) {
                assertThat(q.get("ERP_Order_No__c")).as("write-back of " + q.get("Id")).isEqualTo(orderOfQuote.get(q.get("Id")));
            }
            assertThat(erp.scalar("SELECT COUNT(*) FROM erp_sales_order_line l JOIN erp_sales_order o"
                    + " ON o.order_no = l.order_no WHERE o.order_source = 'CRM'")).as("every line, once").isEqualTo(QUOTES * LINES);
            assertThat(erp.scalar("SELECT COUNT(*) FROM erp_sales_order o WHERE o.order_source = 'CRM' AND o.total_amount"
                    + " <> (SELECT SUM(l.line_amount) FROM erp_sales_order_line l WHERE l.order_no = o.order_no)"))
                    .as("orders whose total is not the sum of their lines").isZero();
            try (StateStore store = new StateStore(Pools.open("it-store", StateStore.embeddedUrl(child.dataDir()), "",
                    new Secret(""), 3))) {
                assertThat(store.deadLetters().list(null, false)).isEmpty();
            }
        }
    }

    private static long orders(TestErp erp) throws Exception {
        return erp.scalar("SELECT COUNT(*) FROM erp_sales_order WHERE order_source = 'CRM'");
    }

    private static long numbered(DemoObjectStore objects) {
        return objects.records("Quote").stream().filter(q -> q.get("ERP_Order_No__c") != null).count();
    }
}
