package io.cebridge.connector.crm.salesforce;

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

// Guards: a poll above bridge.crm.bulk-threshold not going through a Bulk API 2.0 query job, or its write-back ingest job dead-lettering the wrong records (by position instead of by Id) or none, or writing the refused one.
class BulkLoadIT {
    private static final int ACCOUNTS = 40;
    @TempDir
    Path tmp;

    @Test
    void aLargePollIsReadByAQueryJobAndWrittenBackByAnIngestJobWithOnlyTheRefusedRecordDeadLettered() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            ids.add((String) accounts.create(Map.of("Name", "Bulk Load Customer " + i, "BillingCountry", "China",
                    "CurrencyIsoCode", "CNY")).get("Id"));
        }
        String refused = ids.get(17);
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.refuseBulkWrites(refused, "ERP numbers of key accounts are set by finance");
            crm.start(0);
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
            h.overrides.put("bridge.crm.bulk-threshold", "10");
            h.overrides.put("bridge.flows.customer-master.batch-size", "500");

            FlowStats.Counters run = h.runOnce();

            assertThat(crm.requestCount("/services/data/v60.0/jobs/query")).as("a query job").isPositive();
            assertThat(crm.bulkRecordsServed()).as("every record came through the job's CSV").isEqualTo(ACCOUNTS);
            assertThat(crm.requestCount("/services/data/v60.0/jobs/ingest")).as("an ingest job").isPositive();
            assertThat(crm.requestCount("/services/data/v60.0/composite/sobjects")).as("no collection write-back")
                    .isZero();
            // every account reached the ERP; the refused write-back is dead-lettered when the job's results are read
            assertThat(run.delivered.get()).isEqualTo(ACCOUNTS);
            assertThat(run.deadLettered.get()).isEqualTo(1);
            for (String id : ids) {
                Object erpNo = accounts.get(id).orElseThrow().get("ERP_Customer_No__c");
                if (id.equals(refused)) {
                    assertThat(erpNo).as("the refused write-back").isNull();
                } else {
                    assertThat(erpNo).as("written back to " + id).isNotNull();
                }
            }
            try (StateStore store = StateStore.open(h.config(), 2)) {
                List<DeadLetter> letters = store.deadLetters().list("customer-master", true);
                assertThat(letters).singleElement().satisfies(d -> {
                    assertThat(d.sourceId()).isEqualTo(refused);
                    assertThat(d.reasonCode()).isEqualTo("CRM_REJECTED_WRITE_BACK");
                    assertThat(d.reason()).contains("FIELD_CUSTOM_VALIDATION_EXCEPTION:ERP numbers of key accounts are"
                            + " set by finance");
                });
            }
        }
    }
}
