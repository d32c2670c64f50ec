package io.cebridge.flow.customermaster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.flow.FlowStats;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.Pools;
import io.cebridge.store.StateStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The customer-master flow end to end on the real runtime (Camel Main, YAML routes, real Kafka broker) against the
 * demo Salesforce API and the reference ERP on H2, PostgreSQL and MariaDB.
 */
class CustomerMasterFlowIT {
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

    private BridgeHarness start(TestErp.Kind kind, DemoAccountStore accounts) throws Exception {
        erp = TestErp.create(kind, tmp);
        crm = new DemoSalesforceServer(accounts, "it-client", "it-secret");
        crm.start(0);
        return new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
    }

    // Guards: records lost, duplicated or silently changed on the way from CRM to ERP, and missing write-backs.
    @ParameterizedTest
    @EnumSource(TestErp.Kind.class)
    void seededAccountsBecomeErpCustomersWithNumbersWrittenBack(TestErp.Kind kind) throws Exception {
        DemoAccountStore accounts = DemoAccountStore.seeded(Clock.systemUTC());
        BridgeHarness bridge = start(kind, accounts);
        erp.execute("INSERT INTO erp_customer (name, uscc, phone, currency, city, province, country_code, updated_at)"
                + " VALUES ('华为技术有限公司', '914403001922038216', '+8675528780808', 'CNY', '深圳市', '广东省', 'CN',"
                + " TIMESTAMP '2020-01-01 00:00:00')");
        long huaweiNo = scalar("SELECT customer_no FROM erp_customer WHERE uscc = '914403001922038216'");

        FlowStats.Counters run1 = bridge.runOnce();

        int total = accounts.size();
        assertThat(run1.read.get()).isEqualTo(total);
        assertThat(run1.deadLettered.get()).isEqualTo(4); // bad USCC format, empty name, 120-char name, unknown country
        assertThat(run1.delivered.get()).isEqualTo(total - 4);
        assertThat(run1.flagged.get()).isGreaterThanOrEqualTo(2); // pilot-area USCC, duplicate USCC

        Map<String, Map<String, Object>> byName = new HashMap<>();
        accounts.all().forEach(a -> byName.put(String.valueOf(a.get("Name")).strip(), a));
        // the hand-made ERP customer was claimed, not duplicated
        Map<String, Object> huawei = byName.get("华为技术有限公司");
        assertThat(huawei.get("ERP_Customer_No__c")).isEqualTo(Long.toString(huaweiNo));
        assertThat(scalar("SELECT COUNT(*) FROM erp_customer WHERE uscc = '914403001922038216'")).isEqualTo(1);
        // two CRM accounts with one USCC share one ERP customer
        Object ali1 = byName.get("阿里巴巴（中国）有限公司").get("ERP_Customer_No__c");
        Object ali2 = byName.get("阿里巴巴（中国）有限公司（杭州总部）").get("ERP_Customer_No__c");
        assertThat(ali1).isNotNull().isEqualTo(ali2);
        assertThat(scalar("SELECT COUNT(*) FROM erp_customer WHERE uscc = '91330100799655058B'")).isEqualTo(1);
        // cleansing: full-width code and phone, padded name
        Map<String, Object> xiaomi = row("SELECT name, uscc, phone FROM erp_customer WHERE uscc = '91110108551385082Q'");
        assertThat(xiaomi).containsEntry("name", "小米科技有限责任公司").containsEntry("phone", "+8613810001234");
        // the pilot-area code failing the GB 32100 check is delivered unchanged (and flagged in the audit)
        assertThat(scalar("SELECT COUNT(*) FROM erp_customer WHERE uscc = '91350211M00013FA1N'")).isEqualTo(1);
        // every CRM account that was not dead-lettered carries the number of the ERP row that holds it
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT customer_no, crm_account_id FROM erp_customer WHERE crm_account_id IS NOT NULL")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                assertThat(accounts.get(rs.getString(2)).orElseThrow().get("ERP_Customer_No__c")).isEqualTo(rs.getString(1));
            }
            assertThat(rows).isEqualTo(total - 4 - 1); // the Alibaba duplicate links to its twin's row
        }

        try (StateStore store = openStore(bridge)) {
            List<DeadLetter> letters = store.deadLetters().list("customer-master", false);
            assertThat(letters).extracting(DeadLetter::reasonCode)
                    .containsExactlyInAnyOrder("USCC_FORMAT", "NAME_REQUIRED", "ERP_VALUE_DOES_NOT_FIT", "MAPPING_FAILED");
            assertThat(letters).filteredOn(d -> d.reasonCode().equals("ERP_VALUE_DOES_NOT_FIT"))
                    .singleElement().satisfies(d -> assertThat(d.reason()).containsIgnoringCase("name").contains("120 characters"));
            assertThat(letters).filteredOn(d -> d.reasonCode().equals("MAPPING_FAILED"))
                    .singleElement().satisfies(d -> assertThat(d.reason()).contains("Atlantis"));
        }

        // run 2: the write-back bumped every stamp (as Salesforce does); nothing may be rewritten or written back again
        Object stampsBefore = scalar("SELECT COUNT(DISTINCT updated_at) FROM erp_customer");
        String maxStamp = String.valueOf(row("SELECT MAX(updated_at) AS m FROM erp_customer").get("m"));
        int writeBacks = crm.requestCount("/services/data/v60.0/composite");
        FlowStats.Counters run2 = bridge.runOnce();
        assertThat(run2.delivered.get()).isZero();
        assertThat(run2.unchanged.get()).isEqualTo(total);
        assertThat(run2.deadLettered.get()).isZero(); // already dead-lettered versions are not dead-lettered again
        assertThat(crm.requestCount("/services/data/v60.0/composite")).isEqualTo(writeBacks);
        assertThat(String.valueOf(row("SELECT MAX(updated_at) AS m FROM erp_customer").get("m"))).isEqualTo(maxStamp);
        assertThat(scalar("SELECT COUNT(DISTINCT updated_at) FROM erp_customer")).isEqualTo(stampsBefore);

        // run 3: one changed account changes exactly one ERP row; a fixed account is delivered and its letter resolved
        String tencent = (String) byName.get("腾讯科技（深圳）有限公司").get("Id");
        accounts.update(tencent, Map.of("Phone", "0755-86013388"), "005000000000009AAA");
        String atlantis = (String) byName.get("Atlantis Trading Ltd").get("Id");
        accounts.update(atlantis, Map.of("BillingCountry", "Greece"), "005000000000009AAA");
        FlowStats.Counters run3 = bridge.runOnce();
        assertThat(run3.delivered.get()).isEqualTo(2);
        assertThat(row("SELECT phone FROM erp_customer WHERE crm_account_id = '" + tencent + "'"))
                .containsEntry("phone", "+8675586013388");
        assertThat(row("SELECT country_code FROM erp_customer WHERE crm_account_id = '" + atlantis + "'").get("country_code")
                .toString().strip()).isEqualTo("GR");
        try (StateStore store = openStore(bridge)) {
            assertThat(store.deadLetters().list("customer-master", false)).extracting(DeadLetter::reasonCode)
                    .containsExactlyInAnyOrder("USCC_FORMAT", "NAME_REQUIRED", "ERP_VALUE_DOES_NOT_FIT");
        }
    }

    private StateStore openStore(BridgeHarness bridge) {
        return new StateStore(Pools.open("it-store", StateStore.embeddedUrl(tmp.resolve("data")), "",
                new io.cebridge.config.Secret(""), 3));
    }

    private long scalar(String sql) throws Exception {
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Map<String, Object> row(String sql) throws Exception {
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row for " + sql).isTrue();
            Map<String, Object> m = new HashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                m.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
            }
            return m;
        }
    }
}
