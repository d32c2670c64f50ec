package io.cebridge.flow.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.config.BridgeConfig;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.it.TestFiles;
import io.cebridge.runtime.BridgeRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README "Add a touchpoint", done as an integrator would: a new flow (ERP payments -> a CRM custom object) is a route
 * file and two mapping files copied beside the shipped ones, with no Java of its own, and it runs end to end.
 */
class AddATouchpointIT {
    @TempDir
    Path tmp;

    // Guards: a touchpoint that still needs Java (a flow name in code, a key list, a bean) to run.
    @Test
    void aRouteFileAndItsMappingsAreANewTouchpoint() throws Exception {
        Path routes = TestFiles.copyTree(Path.of("routes"), tmp.resolve("routes"));
        Path mappings = TestFiles.copyTree(Path.of("mappings"), tmp.resolve("mappings"));
        Files.writeString(routes.resolve("payments.yaml"), """
                # payments: ERP customer payments -> Salesforce ERP_Payment__c, upserted by payment number
                - templatedRoute:
                    routeTemplateRef: erp-to-crm-ingest
                    routeId: payments-ingest
                    parameters:
                      - {name: flow, value: payments}
                      - {name: documents, value: payments/documents.yaml}
                      - {name: poll-interval, value: 1s}
                - templatedRoute:
                    routeTemplateRef: erp-to-crm-delivery
                    routeId: payments-delivery
                    parameters:
                      - {name: flow, value: payments}
                - templatedRoute:
                    routeTemplateRef: erp-to-crm-retry
                    routeId: payments-retry
                    parameters:
                      - {name: flow, value: payments}
                """);
        Files.createDirectories(mappings.resolve("payments"));
        Files.writeString(mappings.resolve("payments/documents.yaml"), """
                changes:
                  - {table: erp_payment, key: [payment_no], names: payment_no, document: payment}
                documents:
                  - {name: payment, table: erp_payment, key: payment_no, mapping: payment-to-salesforce.jsonata}
                """);
        Files.writeString(mappings.resolve("payments/payment-to-salesforce.jsonata"), """
                {
                  "writes": [{
                    "sobject": "ERP_Payment__c",
                    "externalId": "ERP_Payment_No__c",
                    "records": [{
                      "ERP_Payment_No__c": document.paymentNo,
                      "Payment_Date__c": document.paymentDate,
                      "Amount__c": document.amount,
                      "CurrencyIsoCode": document.currency,
                      "Method__c": document.paymentMethod
                    }]
                  }]
                }
                """);
        DemoObjectStore objects = new DemoObjectStore(Clock.systemUTC());
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(DemoAccountStore.empty(Clock.systemUTC()), objects,
                     "it-client", "it-secret")) {
            crm.start(0);
            erp.execute("INSERT INTO erp_customer (name, country_code) VALUES ('Payments Test Customer', 'CN')");
            erp.execute("INSERT INTO erp_payment (payment_no, customer_no, payment_date, currency, amount, payment_method)"
                    + " SELECT 'PAY-1', customer_no, DATE '2026-11-27', 'CNY', 12345.67, 'BANK_TRANSFER' FROM erp_customer");
            BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
            bridge.overrides.put("bridge.routes-dir", routes.toString());
            bridge.overrides.put("bridge.mappings-dir", mappings.toString());
            bridge.overrides.put("bridge.flows.customer-master.enabled", "false");
            bridge.overrides.put("bridge.flows.payments.enabled", "true"); // the key exists: the route file declares it
            BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), bridge.overrides);
            assertThat(cfg.enabledFlows()).containsExactly("payments");
            try (BridgeRuntime runtime = new BridgeRuntime(cfg, false).start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> !objects.records("ERP_Payment__c").isEmpty());
                List<Map<String, Object>> written = objects.records("ERP_Payment__c");
                assertThat(written).hasSize(1);
                assertThat(written.get(0)).containsEntry("ERP_Payment_No__c", "PAY-1")
                        .containsEntry("Payment_Date__c", "2026-11-27").containsEntry("Method__c", "BANK_TRANSFER");
                assertThat(new java.math.BigDecimal(String.valueOf(written.get(0).get("Amount__c"))))
                        .isEqualByComparingTo("12345.67");
            }
        }
    }
}
