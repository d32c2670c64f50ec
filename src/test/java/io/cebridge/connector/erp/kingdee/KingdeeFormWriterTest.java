package io.cebridge.connector.erp.kingdee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.config.Secret;
import io.cebridge.connector.erp.ErpRecordWriter.Input;
import io.cebridge.connector.erp.ErpRecordWriter.Outcome;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import io.cebridge.error.RetriableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** At-most-once writes of BD_Customer documents: look-up by the CRM id first, per-record refusals, audit. */
class KingdeeFormWriterTest {
    private KingdeeStandIn kingdee;

    @BeforeEach
    void start() throws Exception {
        kingdee = KingdeeStandIn.standard("secret", "F_CRM_ID").start(0);
    }

    @AfterEach
    void stop() {
        kingdee.close();
    }

    private KingdeeFormWriter writer(boolean audit, Duration timeout) {
        KingdeeForms forms = new KingdeeForms(new KingdeeClient(new KingdeeSettings(kingdee.serverUrl(), kingdee.acctId(),
                kingdee.username(), kingdee.appId(), new Secret("secret"), 2052, timeout)));
        return new KingdeeFormWriter(forms, new KingdeeFormWriter.Target("BD_Customer", "FCUSTID", "FNumber", "F_CRM_ID",
                "100", audit));
    }

    private static Input input(String crmId, String name, String tel) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("FName", name);
        m.put("FTEL", tel);
        m.put("FTRADINGCURRID", Map.of("FNumber", "PRE001"));
        return new Input(crmId, m);
    }

    @Test
    void createsThenFindsUnchangedThenUpdatesByTheCrmId() {
        KingdeeFormWriter w = writer(false, Duration.ofSeconds(5));
        List<Outcome> first = w.write(List.of(input("001A", "杭州甲公司", "+8613800000001"), input("001B", "乙公司", null)));
        assertThat(first).extracting(Outcome::kind).containsExactly(Outcome.Kind.CREATED, Outcome.Kind.CREATED);
        assertThat(first).extracting(Outcome::number).containsExactly("CUST0001", "CUST0002");

        List<Outcome> again = w.write(List.of(input("001A", "杭州甲公司", "+8613800000001"), input("001B", "乙公司", null)));
        assertThat(again).extracting(Outcome::kind).containsExactly(Outcome.Kind.UNCHANGED, Outcome.Kind.UNCHANGED);
        assertThat(again).extracting(Outcome::number).containsExactly("CUST0001", "CUST0002");

        List<Outcome> changed = w.write(List.of(input("001B", "乙公司（新）", "+8613800000002")));
        assertThat(changed).containsExactly(new Outcome(Outcome.Kind.UPDATED, "CUST0002", null,
                String.valueOf(kingdee.customers().get(1).get("FCUSTID"))));
        assertThat(kingdee.customers()).hasSize(2);
        assertThat(kingdee.customers().get(1)).containsEntry("FNAME", "乙公司（新）").containsEntry("FTEL", "+8613800000002")
                .containsEntry("FNUMBER", "CUST0002").containsEntry("F_CRM_ID", "001B");
    }

    @Test
    void aRecordKingdeeRefusesFailsAloneWithKingdeesMessage() {
        KingdeeFormWriter w = writer(false, Duration.ofSeconds(5));
        List<Outcome> out = w.write(List.of(input("001A", "甲", null), input("001B", "", null),
                input("001C", "名".repeat(81), null), input("001D", "丁", null)));
        assertThat(out).extracting(Outcome::kind).containsExactly(Outcome.Kind.CREATED, Outcome.Kind.FAILED,
                Outcome.Kind.FAILED, Outcome.Kind.CREATED);
        assertThat(out.get(1).reason()).isEqualTo("Kingdee refused the BD_Customer: FName: 字段“客户名称”是必填项，请录入");
        assertThat(out.get(2).reason()).contains("最大长度80");
        assertThat(kingdee.customers()).extracting(c -> c.get("F_CRM_ID")).containsExactly("001A", "001D");
    }

    @Test
    void aSaveAppliedButAnsweredAfterTheTimeoutIsFoundOnTheRetryAndNeverSavedTwice() {
        KingdeeFormWriter w = writer(false, Duration.ofMillis(1500));
        List<Input> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(input("00" + i, "客户" + i, null));
        }
        w.write(List.of(input("000", "客户0", null))); // one of them made on an earlier batch
        kingdee.answerSavesLate(1, Duration.ofSeconds(4));
        assertThatThrownBy(() -> w.write(batch)).isInstanceOf(RetriableException.class);
        List<Outcome> retry = w.write(batch);
        assertThat(retry).extracting(Outcome::kind).containsOnly(Outcome.Kind.UNCHANGED);
        assertThat(kingdee.customers()).hasSize(5);
        assertThat(retry).extracting(Outcome::number).containsExactly("CUST0001", "CUST0002", "CUST0003", "CUST0004",
                "CUST0005");
    }

    @Test
    void submitsAndAuditsWhatItSavesAndWhatItFindsNotYetAudited() {
        writer(false, Duration.ofSeconds(5)).write(List.of(input("001A", "甲", null)));
        assertThat(kingdee.customers().get(0)).containsEntry("FDOCUMENTSTATUS", "A");
        List<Outcome> out = writer(true, Duration.ofSeconds(5)).write(List.of(input("001A", "甲", null),
                input("001B", "乙", null)));
        assertThat(out).extracting(Outcome::kind).containsExactly(Outcome.Kind.UNCHANGED, Outcome.Kind.CREATED);
        assertThat(kingdee.customers()).extracting(c -> c.get("FDOCUMENTSTATUS")).containsExactly("C", "C");
        // audited ones are left alone
        writer(true, Duration.ofSeconds(5)).write(List.of(input("001A", "甲", null)));
        assertThat(kingdee.calls()).containsEntry("Audit", 1L);
    }

    @Test
    void anUnknownOrganisationIsRefusedPerRecordNamingIt() {
        KingdeeForms forms = new KingdeeForms(new KingdeeClient(new KingdeeSettings(kingdee.serverUrl(), kingdee.acctId(),
                kingdee.username(), kingdee.appId(), new Secret("secret"), 2052, Duration.ofSeconds(5))));
        KingdeeFormWriter w = new KingdeeFormWriter(forms, new KingdeeFormWriter.Target("BD_Customer", "FCUSTID", "FNumber",
                "F_CRM_ID", "", false));
        Input bad = new Input("001X", Map.of("FName", "甲", "FCreateOrgId", Map.of("FNumber", "999")));
        assertThat(w.write(List.of(bad, input("001Y", "乙", null)))).extracting(Outcome::kind)
                .containsExactly(Outcome.Kind.FAILED, Outcome.Kind.CREATED);
    }

    @Test
    void customersMadeByHandAreClaimedByTaxCodeAndAccountsSharingOneShareItsDocument() {
        KingdeeForms forms = new KingdeeForms(new KingdeeClient(new KingdeeSettings(kingdee.serverUrl(), kingdee.acctId(),
                kingdee.username(), kingdee.appId(), new Secret("secret"), 2052, Duration.ofSeconds(5))));
        forms.batchSave("BD_Customer", List.of(Map.of("FName", "手工客户", "FTaxRegisterCode", "91330100799655058B",
                "FNumber", "HAND-1")), List.of());
        KingdeeFormWriter w = new KingdeeFormWriter(forms, new KingdeeFormWriter.Target("BD_Customer", "FCUSTID", "FNumber",
                "F_CRM_ID", "", false, "FTaxRegisterCode"));
        List<Outcome> out = w.write(List.of(taxed("001A", "阿里巴巴", "91330100799655058B"),
                taxed("001B", "阿里巴巴（重复）", "91330100799655058B"), taxed("001C", "新客户", "91110000802100433B"),
                taxed("001D", "新客户（重复）", "91110000802100433B"), taxed("001E", "无税号", null)));
        assertThat(out).extracting(Outcome::kind).containsExactly(Outcome.Kind.CLAIMED, Outcome.Kind.LINKED,
                Outcome.Kind.CREATED, Outcome.Kind.LINKED, Outcome.Kind.CREATED);
        assertThat(out).extracting(Outcome::number).containsExactly("HAND-1", "HAND-1", "CUST0001", "CUST0001", "CUST0002");
        assertThat(kingdee.customers()).hasSize(3);
        assertThat(kingdee.customers().get(0)).containsEntry("F_CRM_ID", "001A").containsEntry("FNAME", "阿里巴巴");
        // a later account with a tax code another account owns shares that document
        assertThat(w.write(List.of(taxed("001F", "阿里巴巴（第三个）", "91330100799655058B"))))
                .containsExactly(new Outcome(Outcome.Kind.LINKED, "HAND-1", null,
                        String.valueOf(kingdee.customers().get(0).get("FCUSTID"))));
        assertThat(kingdee.customers()).hasSize(3);
    }

    private static Input taxed(String crmId, String name, String taxCode) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("FName", name);
        m.put("FTaxRegisterCode", taxCode);
        return new Input(crmId, m);
    }
}
