package io.cebridge.flow.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.Secret;
import io.cebridge.connector.crm.salesforce.SalesforceClient;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.DemoRecords;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.DeadLetter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contacts flow, declared by routes/contacts.yaml and mappings/contacts/ only, end to end on the real runtime
 * against the demo Salesforce API and the reference ERP on H2 and PostgreSQL.
 */
class ContactsFlowIT {
    @TempDir
    Path tmp;
    private DemoSalesforceServer crm;
    private TestErp erp;

    @AfterEach
    void tearDown() throws Exception {
        if (crm != null) {
            crm.close();
        }
        if (erp != null) {
            erp.close();
        }
    }

    // Guards: contacts written under the wrong (or no) customer, lost while their account is not linked yet, data
    // silently changed or truncated, a change creating a second ERP contact, write-backs missing or echoing.
    @ParameterizedTest
    @EnumSource(value = TestErp.Kind.class, names = {"H2", "POSTGRESQL"})
    void contactsWaitForTheirAccountThenBecomeErpContactsOfItsCustomer(TestErp.Kind kind) throws Exception {
        DemoAccountStore accounts = DemoAccountStore.seeded(Clock.systemUTC());
        DemoObjectStore objects = new DemoObjectStore(Clock.systemUTC());
        Map<String, Object> alfreds = accounts.all().stream()
                .filter(a -> "Alfreds Futterkiste".equals(String.valueOf(a.get("Name")).strip())).findFirst().orElseThrow();
        String accountId = String.valueOf(alfreds.get("Id"));
        String maria = objects.seed("Contact", contact(accountId, "Maria", "Anders", "Sales Representative",
                "  Maria.Anders@Alfreds.DE ", "030 123456"));
        String noLastName = objects.seed("Contact", contact(accountId, "Ana", null, null, "ana@example.com", null));
        String badEmail = objects.seed("Contact", contact(accountId, "Bad", "Mail", null, "not-an-email", null));
        String longTitle = objects.seed("Contact", contact(accountId, "Long", "Title", "T".repeat(61), null, null));
        String badPhone = objects.seed("Contact", contact(accountId, "Bad", "Phone", null, null, "12"));
        erp = TestErp.create(kind, tmp);
        crm = new DemoSalesforceServer(accounts, objects, "it-client", "it-secret");
        crm.start(0);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
        bridge.overrides.put("bridge.flows.contacts.enabled", "true");
        bridge.overrides.put("bridge.flows.contacts.poll-interval", "1s");
        bridge.overrides.put("bridge.flows.customer-master.poll-interval", "1s");

        // 1. customer-master off: the account is not linked, so the valid contacts wait; the bad ones are refused
        bridge.overrides.put("bridge.flows.customer-master.enabled", "false");
        try (BridgeRuntime runtime = start(bridge)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(runtime.stats().of("contacts").waiting.get()).isEqualTo(3);
                assertThat(runtime.stats().of("contacts").deadLettered.get()).isEqualTo(2);
            });
            assertThat(erp.scalar("SELECT COUNT(*) FROM erp_customer_contact WHERE crm_contact_id IS NOT NULL")).isZero();
        }

        // 2. customer-master on: once it links the account, the waiting contacts go through under its customer
        bridge.overrides.put("bridge.flows.customer-master.enabled", "true");
        try (BridgeRuntime runtime = start(bridge)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> objects.records("Contact").stream()
                    .anyMatch(c -> c.get("ERP_Contact_Id__c") != null));
            long customerNo = Long.parseLong(String.valueOf(accounts.get(accountId).orElseThrow().get("ERP_Customer_No__c")));
            Map<String, Object> row = erp.row("SELECT contact_id, customer_no, first_name, last_name, job_title, phone, email"
                    + " FROM erp_customer_contact WHERE crm_contact_id = '" + maria + "'");
            assertThat(((Number) row.get("customer_no")).longValue()).isEqualTo(customerNo);
            assertThat(row.get("email")).isEqualTo("maria.anders@alfreds.de");
            assertThat(row.get("phone")).isEqualTo("+4930123456"); // read in the account's country, Germany
            assertThat(row.get("last_name")).isEqualTo("Anders");
            assertThat(DemoRecords.field(objects, "Contact", maria, "ERP_Contact_Id__c")).isEqualTo(String.valueOf(row.get("contact_id")));

            Map<String, String> reasons = new HashMap<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                reasons.clear();
                for (DeadLetter d : runtime.store().deadLetters().list("contacts", false)) {
                    reasons.put(d.sourceId(), d.reasonCode());
                }
                assertThat(reasons).containsEntry(noLastName, "REQUIRED").containsEntry(badEmail, "EMAIL_INVALID")
                        .containsEntry(longTitle, "ERP_VALUE_DOES_NOT_FIT").containsEntry(badPhone, "PHONE_INVALID");
            });
            assertThat(erp.scalar("SELECT COUNT(*) FROM erp_customer_contact WHERE crm_contact_id = '" + longTitle + "'"))
                    .isZero(); // never truncated

            // 3. a change in the CRM updates the same ERP row; the write-back's echo changes nothing
            SalesforceClient sf = new SalesforceClient(crm.loginUrl(), "it-client", new Secret("it-secret"), "60.0",
                    Duration.ofSeconds(10), 2000, io.cebridge.connector.crm.salesforce.HostPolicy.localStandIn());
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("Id", maria);
            change.put("Title", "Owner");
            assertThat(sf.update("Contact", List.of(change), false).get(0).success()).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> "Owner".equals(
                    erp.row("SELECT job_title FROM erp_customer_contact WHERE crm_contact_id = '" + maria + "'").get("job_title")));
            assertThat(erp.scalar("SELECT COUNT(*) FROM erp_customer_contact WHERE crm_contact_id = '" + maria + "'"))
                    .isEqualTo(1);
            assertThat(erp.row("SELECT contact_id FROM erp_customer_contact WHERE crm_contact_id = '" + maria + "'")
                    .get("contact_id").toString()).isEqualTo(DemoRecords.field(objects, "Contact", maria, "ERP_Contact_Id__c"));
        }
    }

    private static BridgeRuntime start(BridgeHarness bridge) throws Exception {
        BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), bridge.overrides);
        return new BridgeRuntime(cfg, false).start();
    }

    private static Map<String, Object> contact(String accountId, String first, String last, String title, String email,
                                               String phone) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("AccountId", accountId);
        c.put("FirstName", first);
        c.put("LastName", last);
        c.put("Title", title);
        c.put("Email", email);
        c.put("Phone", phone);
        c.put("MobilePhone", null);
        c.put("ERP_Contact_Id__c", null);
        c.put("IsDeleted", false);
        return c;
    }

}
