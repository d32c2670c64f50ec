package io.cebridge.flow.crmtoerp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.flow.FlowStats;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Guards: write-backs of a load costing one Bulk API 2.0 job per delivery batch, a refused write-back dead-lettering others or none, write-backs lost (or written twice) when the process stops between storing them and their job, unprocessed ones dropped, and small batches leaving the REST path.
class WriteBackOutboxIT {
    private static final String FLOW = "customer-master";
    private static final String NUMBER = "ERP_Customer_No__c";
    private static final int ACCOUNTS = 40;
    @TempDir
    Path tmp;

    private final DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
    private final List<String> ids = new ArrayList<>();

    private void accounts(int n) {
        for (int i = 0; i < n; i++) {
            ids.add((String) accounts.create(Map.of("Name", "Outbox Customer " + i, "BillingCountry", "China",
                    "CurrencyIsoCode", "CNY")).get("Id"));
        }
    }

    /** A load read through a Bulk query job: 40 accounts, delivered in batches of 10. */
    private BridgeHarness volumeLoad(DemoSalesforceServer crm, TestErp erp) {
        BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
        h.overrides.put("bridge.crm.bulk-threshold", "10");
        h.overrides.put("bridge.flows.customer-master.batch-size", "10");
        return h;
    }

    @Test
    void oneIngestJobWritesTheNumbersOfSeveralDeliveryBatchesAndOnlyTheRefusedOneIsDeadLettered() throws Exception {
        accounts(ACCOUNTS);
        String refused = ids.get(17);
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.refuseBulkWrites(refused, "ERP numbers of key accounts are set by finance");
            crm.start(0);
            BridgeHarness h = volumeLoad(crm, erp);

            FlowStats.Counters run = h.runOnce();

            assertThat(crm.bulkIngestJobs()).as("one job for the four or more delivery batches").isEqualTo(1);
            assertThat(crm.requestCount("/services/data/v60.0/composite")).as("no collection write-back").isZero();
            assertThat(run.delivered.get()).as("every account reached the ERP").isEqualTo(ACCOUNTS);
            assertThat(run.deadLettered.get()).isEqualTo(1);
            for (String id : ids) {
                Object no = accounts.get(id).orElseThrow().get(NUMBER);
                if (id.equals(refused)) {
                    assertThat(no).as("the refused write-back").isNull();
                } else {
                    assertThat(no).as("written back to " + id).isEqualTo(erpNumberOf(erp, id));
                }
            }
            try (StateStore store = StateStore.open(h.config(), 2)) {
                assertThat(store.deadLetters().list(FLOW, true)).singleElement().satisfies(d -> {
                    assertThat(d.sourceId()).isEqualTo(refused);
                    assertThat(d.stage()).isEqualTo("crm-writeback");
                    assertThat(d.reasonCode()).isEqualTo("CRM_REJECTED_WRITE_BACK");
                    assertThat(d.reason()).contains("to Account." + NUMBER + " refused: FIELD_CUSTOM_VALIDATION_EXCEPTION:"
                            + "ERP numbers of key accounts are set by finance");
                    assertThat(d.payload()).as("the event, for dlq retry").contains(refused).contains("Outbox Customer 17");
                });
                assertThat(store.outbox().count(FLOW)).as("settled rows leave the outbox").isZero();
            }
        }
    }

    @Test
    void writeBacksStoredButNotSentWhenTheProcessEndsAreSentOnceAtTheNextStart() throws Exception {
        accounts(ACCOUNTS);
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            BridgeHarness h = volumeLoad(crm, erp);
            // the CRM takes no ingest job during the first run: the process ends with every write-back only in the
            // outbox and its batches acknowledged, as after a crash between the outbox commit and the job
            crm.bulkIngestUnavailable(true);

            FlowStats.Counters first = h.runOnce();

            assertThat(first.delivered.get()).isEqualTo(ACCOUNTS);
            assertThat(ids).allSatisfy(id -> assertThat(accounts.get(id).orElseThrow().get(NUMBER)).isNull());
            try (StateStore store = StateStore.open(h.config(), 2)) {
                assertThat(store.outbox().count(FLOW)).as("kept durably").isEqualTo(ACCOUNTS);
            }

            crm.bulkIngestUnavailable(false);
            h.runOnce();

            for (String id : ids) {
                assertThat(accounts.get(id).orElseThrow().get(NUMBER)).as("nothing lost: " + id)
                        .isEqualTo(erpNumberOf(erp, id));
                assertThat(crm.bulkWritesOf(id)).as("written once: " + id).isEqualTo(1);
            }
            assertThat(erp.scalar("SELECT COUNT(*) FROM erp_customer WHERE crm_account_id LIKE '001%'"))
                    .as("each customer created once").isEqualTo(ACCOUNTS);
            assertThat(crm.requestCount("/services/data/v60.0/composite")).isZero();
            try (StateStore store = StateStore.open(h.config(), 2)) {
                assertThat(store.outbox().count(FLOW)).isZero();
                assertThat(store.deadLetters().list(FLOW, true)).isEmpty();
            }
        }
    }

    @Test
    void recordsAJobLeavesUnprocessedGoIntoTheNextJobAndNothingElseIsSentTwice() throws Exception {
        accounts(ACCOUNTS);
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            crm.stopNextBulkJobAfter(15);
            BridgeHarness h = volumeLoad(crm, erp);

            h.runOnce();

            assertThat(crm.bulkIngestJobs()).as("the job that stopped, then one for the 25 it left").isEqualTo(2);
            assertThat(ids).allSatisfy(id -> {
                assertThat(accounts.get(id).orElseThrow().get(NUMBER)).isEqualTo(erpNumberOf(erp, id));
                assertThat(crm.bulkWritesOf(id)).isEqualTo(1);
            });
            try (StateStore store = StateStore.open(h.config(), 2)) {
                assertThat(store.outbox().count(FLOW)).isZero();
                assertThat(store.deadLetters().list(FLOW, true)).isEmpty();
            }
        }
    }

    @Test
    void aSmallLoadIsWrittenBackThroughSObjectCollectionsAsBefore() throws Exception {
        accounts(5);
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
            h.overrides.put("bridge.crm.bulk-threshold", "10");

            h.runOnce();

            assertThat(crm.requestCount("/services/data/v60.0/composite/sobjects")).isPositive();
            assertThat(crm.requestCount("/services/data/v60.0/jobs")).as("no Bulk job at all").isZero();
            assertThat(ids).allSatisfy(id -> assertThat(accounts.get(id).orElseThrow().get(NUMBER))
                    .isEqualTo(erpNumberOf(erp, id)));
            try (StateStore store = StateStore.open(h.config(), 2)) {
                assertThat(store.outbox().count(FLOW)).isZero();
            }
        }
    }

    private static String erpNumberOf(TestErp erp, String accountId) throws Exception {
        List<String> no = erp.column("SELECT customer_no FROM erp_customer WHERE crm_account_id = '" + accountId + "'");
        assertThat(no).as("one ERP customer of " + accountId).hasSize(1);
        return no.get(0);
    }
}
