package io.cebridge.flow.kingdee;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.connector.erp.kingdee.KingdeeClient;
import io.cebridge.connector.erp.kingdee.KingdeeForms;
import io.cebridge.connector.erp.kingdee.KingdeeSettings;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import io.cebridge.flow.FlowStats;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.DemoRecords;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.runtime.OnceRunner;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: contacts into Kingdee's BD_CommonContact (the stand-in) saved twice, under the wrong customer, lost while
 * their account is not in Kingdee yet, or taken down by one refused contact, a lost session or a late answer; real
 * runtime, Kafka, H2 state store and the demo CRM API.
 */
class KingdeeContactsIT {
    private static final String FLOW = "contacts";
    private static final String SECRET = "kd-app-secret-for-it";
    @TempDir
    Path tmp;
    private DemoSalesforceServer crm;
    private KingdeeStandIn kingdee;
    private TestErp unused;
    private DemoAccountStore accountStore;
    private DemoObjectStore objects;
    private BridgeHarness bridge;
    private final List<String> accounts = new ArrayList<>();
    private final Map<String, String> customerOf = new HashMap<>();

    @AfterEach
    void tearDown() throws Exception {
        if (crm != null) {
            crm.close();
        }
        if (kingdee != null) {
            kingdee.close();
        }
        if (unused != null) {
            unused.close();
        }
    }

    /**
     * The demo CRM with {@code nAccounts} accounts, the first {@code linked} of them customers in Kingdee (linked as
     * customer-master would have); only the contacts flow runs.
     */
    private void start(int nAccounts, int linked) throws Exception {
        kingdee = KingdeeStandIn.standard(SECRET, "F_CRM_ID").start(0);
        accountStore = DemoAccountStore.empty(Clock.systemUTC());
        objects = new DemoObjectStore(Clock.systemUTC());
        for (int i = 0; i < nAccounts; i++) {
            accounts.add((String) accountStore.create(Map.of("Name", "金蝶联系人客户 " + i + " 有限公司",
                    "CurrencyIsoCode", "CNY")).get("Id"));
        }
        crm = new DemoSalesforceServer(accountStore, objects, "it-client", "it-secret");
        crm.start(0);
        unused = TestErp.create(TestErp.Kind.H2, tmp);
        bridge = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", unused);
        bridge.overrides.remove("bridge.erp.jdbc-url"); // no ERP database: Kingdee only
        bridge.overrides.remove("bridge.erp.username");
        bridge.overrides.putAll(kingdee.bridgeSettings(SECRET));
        bridge.overrides.put("bridge.erp.kingdee.org-number", "100");
        bridge.overrides.put("bridge.erp.kingdee.timeout", "2s");
        bridge.overrides.put("bridge.flows.customer-master.enabled", "false");
        bridge.enable(FLOW);
        List<Map<String, Object>> models = new ArrayList<>();
        accounts.subList(0, linked).forEach(a -> models.add(Map.of("FName", accountStore.get(a).orElseThrow().get("Name"),
                "F_CRM_ID", a, "FUseOrgId", Map.of("FNumber", "100"))));
        if (!models.isEmpty()) {
            List<String> numbers = new ArrayList<>();
            forms().batchSave("BD_Customer", models, List.of()).saved().forEach(s -> numbers.add(s.number()));
            for (int i = 0; i < numbers.size(); i++) {
                customerOf.put(accounts.get(i), numbers.get(i));
                bridge.link(accounts.get(i), numbers.get(i));
            }
        }
    }

    private KingdeeForms forms() {
        return new KingdeeForms(new KingdeeClient(KingdeeSettings.from(bridge.config())));
    }

    private String contact(int account, String first, String last, String title, String email, String mobile) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("AccountId", accounts.get(account));
        c.put("FirstName", first);
        c.put("LastName", last);
        c.put("Title", title);
        c.put("Email", email);
        c.put("Phone", null);
        c.put("MobilePhone", mobile);
        c.put("ERP_Contact_Id__c", null);
        c.put("IsDeleted", false);
        return objects.seed("Contact", c);
    }

    /** {@code n} ordinary contacts of the linked accounts in turn. */
    private List<String> contacts(int n, int linked) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(contact(i % linked, "伟" + i, "张", "采购经理", "buyer" + i + "@example.cn",
                    "138 0013 " + String.format("%04d", 8000 + i)));
        }
        return ids;
    }

    /** One `run --once` of the enabled flows; the counters of {@code flow}. */
    private FlowStats.Counters runOnce(String flow) throws Exception {
        try (BridgeRuntime runtime = new BridgeRuntime(bridge.config(), true)) {
            runtime.start();
            Optional<String> failure = new OnceRunner(runtime, Duration.ofMinutes(5)).await();
            assertThat(failure).as("run --once failure").isEmpty();
            return runtime.stats().of(flow);
        }
    }

    private List<DeadLetter> letters() throws Exception {
        try (StateStore store = StateStore.open(bridge.config(), 2)) {
            return store.deadLetters().list(FLOW, false);
        }
    }

    /** One BD_CommonContact per contact among {@code contacts}, under its account's customer, its number back. */
    private void assertOneContactEachUnderItsCustomerAndNumbersBack(List<String> contacts) {
        Map<Object, List<Map<String, Object>>> byCrmId = new HashMap<>();
        kingdee.contacts().forEach(c -> byCrmId.computeIfAbsent(c.get("F_CRM_ID"), k -> new ArrayList<>()).add(c));
        for (String id : contacts) {
            assertThat(byCrmId.get(id)).as("Kingdee contacts of CRM contact " + id).hasSize(1);
            Map<String, Object> c = byCrmId.get(id).get(0);
            String account = DemoRecords.field(objects, "Contact", id, "AccountId");
            assertThat(c.get("FCOMPANYTYPE")).isEqualTo("BD_Customer");
            assertThat(c.get("FCOMPANY")).isEqualTo(Map.of("FNumber", customerOf.get(account)));
            assertThat(c.get("FUSEORGID")).isEqualTo(Map.of("FNumber", "100"));
            assertThat(DemoRecords.field(objects, "Contact", id, "ERP_Contact_Id__c")).as("contact number written back")
                    .isEqualTo(c.get("FNUMBER"));
        }
    }

    // Guards: a contact saved twice or under another customer; a contact of an account not in Kingdee yet written,
    // refused or lost instead of waiting; one contact Kingdee refuses (DIndex) taking the others of its BatchSave down;
    // a change in the CRM making a second Kingdee contact.
    @Test
    void contactsLandOnceUnderTheirCustomerTheRefusedOneAloneIsDeadLetteredAndAnUnlinkedOneWaits() throws Exception {
        start(3, 2);
        List<String> contacts = contacts(8, 2);
        String maria = contact(1, "Maria", "Anders", "Sales Representative", "Maria.Anders@Alfreds.DE", null);
        contacts.add(maria);
        String tooLong = contact(0, null, "名".repeat(81), null, null, null);
        String waiting = contact(2, "Wei", "Li", "Buyer", "li.wei@example.cn", "13900139000");
        long setupSaves = kingdee.calls().get("BatchSave");

        // run 1: account 2 has no customer in Kingdee: its contact waits; the too long name is refused by Kingdee alone
        FlowStats.Counters run1 = runOnce(FLOW);
        assertThat(run1.delivered.get()).isEqualTo(contacts.size());
        assertThat(run1.waiting.get()).isEqualTo(1);
        assertThat(run1.deadLettered.get()).isEqualTo(1);
        assertOneContactEachUnderItsCustomerAndNumbersBack(contacts);
        assertThat(kingdee.contacts()).hasSize(contacts.size());
        assertThat(kingdee.calls().get("BatchSave") - setupSaves).as("the contacts of one delivery batch in one BatchSave")
                .isEqualTo(1);
        Map<String, Object> first = kingdee.contacts().stream().filter(c -> contacts.get(0).equals(c.get("F_CRM_ID")))
                .findFirst().orElseThrow();
        assertThat(first).containsEntry("FNAME", "张伟0").containsEntry("FPOST", "采购经理")
                .containsEntry("FMOBILE", "+8613800138000").containsEntry("FEMAIL", "buyer0@example.cn");
        Map<String, Object> mariaDoc = kingdee.contacts().stream().filter(c -> maria.equals(c.get("F_CRM_ID")))
                .findFirst().orElseThrow();
        assertThat(mariaDoc).containsEntry("FNAME", "Maria Anders").containsEntry("FEMAIL", "maria.anders@alfreds.de")
                .containsEntry("FMOBILE", "");
        Map<String, DeadLetter> byContact = new HashMap<>();
        letters().forEach(d -> byContact.put(d.sourceId(), d));
        assertThat(byContact).containsOnlyKeys(tooLong, waiting);
        assertThat(byContact.get(tooLong).reasonCode()).isEqualTo("ERP_REJECTED");
        assertThat(byContact.get(tooLong).reason())
                .isEqualTo("Kingdee refused the BD_CommonContact: FName: 字段“姓名”的长度超过了最大长度80");
        assertThat(byContact.get(waiting).reasonCode()).isEqualTo("PARENT_NOT_LINKED");
        assertThat(DemoRecords.field(objects, "Contact", tooLong, "ERP_Contact_Id__c")).isNull();
        assertThat(DemoRecords.field(objects, "Contact", waiting, "ERP_Contact_Id__c")).isNull();

        // run 2: customer-master puts account 2's customer into Kingdee and links it
        bridge.overrides.put("bridge.flows.customer-master.enabled", "true");
        bridge.overrides.put("bridge.flows." + FLOW + ".enabled", "false");
        runOnce("customer-master");
        String account2 = accounts.get(2);
        customerOf.put(account2, (String) accountStore.get(account2).orElseThrow().get("ERP_Customer_No__c"));
        assertThat(customerOf.get(account2)).as("account 2's Kingdee number").isNotNull();

        // run 3: the waiting contact goes through by itself, once; a changed title updates the same Kingdee contact;
        // the write-backs' echoes save nothing
        bridge.overrides.put("bridge.flows.customer-master.enabled", "false");
        bridge.overrides.put("bridge.flows." + FLOW + ".enabled", "true");
        objects.seedUpdate("Contact", maria, Map.of("Title", "Owner"));
        Object mariaId = mariaDoc.get("FCONTACTID");
        long saves = kingdee.calls().get("BatchSave");
        runOnce(FLOW);
        contacts.add(waiting);
        assertOneContactEachUnderItsCustomerAndNumbersBack(contacts);
        assertThat(kingdee.contacts()).hasSize(contacts.size());
        assertThat(kingdee.contacts().stream().filter(c -> maria.equals(c.get("F_CRM_ID"))).findFirst().orElseThrow())
                .containsEntry("FCONTACTID", mariaId).containsEntry("FPOST", "Owner");
        assertThat(kingdee.calls().get("BatchSave") - saves).as("the waiting contact and the changed one")
                .isBetween(1L, 2L);
        assertThat(letters()).extracting(DeadLetter::sourceId).containsExactly(tooLong);
    }

    // Guards: a Save Kingdee applied but answered after the client's timeout making a second contact on the retry.
    @Test
    void aSaveAnsweredAfterTheTimeoutIsNotSavedTwice() throws Exception {
        start(3, 3);
        List<String> contacts = contacts(30, 3);
        kingdee.answerSavesLate(1, Duration.ofSeconds(5));

        FlowStats.Counters run = runOnce(FLOW);
        // the first attempt's BatchSave was applied: its retry finds those contacts as they are (unchanged)
        assertThat(run.delivered.get() + run.unchanged.get()).isEqualTo(30);
        assertThat(run.unchanged.get()).isPositive();
        assertThat(run.deadLettered.get()).isZero();
        assertOneContactEachUnderItsCustomerAndNumbersBack(contacts);
        assertThat(kingdee.contacts()).hasSize(30);
    }

    // Guards: a session lost in the middle of a delivery batch failing it or looping on logins: one new login, the
    // call sent once more.
    @Test
    void aSessionLostMidBatchLogsInOnceAndTheBatchGoesThrough() throws Exception {
        start(2, 2);
        List<String> contacts = contacts(10, 2);
        long loginsBefore = kingdee.calls().get("LoginByAppSecret");
        long savesBefore = kingdee.calls().get("BatchSave");
        // the run's session dies after its contact look-up: the BatchSave finds it lost
        kingdee.expireSessionsAfter(1);

        FlowStats.Counters run = runOnce(FLOW);
        assertThat(run.delivered.get()).isEqualTo(10);
        assertThat(run.deadLettered.get()).isZero();
        assertOneContactEachUnderItsCustomerAndNumbersBack(contacts);
        assertThat(kingdee.calls().get("LoginByAppSecret") - loginsBefore).as("the first login and one more").isEqualTo(2);
        assertThat(kingdee.calls().get("BatchSave") - savesBefore).as("the lost call, then once more").isEqualTo(2);
    }
}
