package io.cebridge.connector.erp.kingdee;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.Secret;
import io.cebridge.connector.erp.ErpRecordWriter.Input;
import io.cebridge.connector.erp.ErpRecordWriter.Outcome;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * At-most-once writes of BD_CommonContact (联系人) documents, each naming its customer by number, against the stand-in's
 * rules: per-contact refusals (DIndex) with Kingdee's message, updates of the same contact, nothing saved twice.
 */
class KingdeeContactWriterTest {
    private KingdeeStandIn kingdee;
    private KingdeeForms forms;

    @BeforeEach
    void start() throws Exception {
        kingdee = KingdeeStandIn.standard("secret", "F_CRM_ID").start(0);
        forms = new KingdeeForms(new KingdeeClient(new KingdeeSettings(kingdee.serverUrl(), kingdee.acctId(),
                kingdee.username(), kingdee.appId(), new Secret("secret"), 2052, Duration.ofSeconds(5))));
        // CUST0001 in use, CUST0002 forbidden (禁用)
        new KingdeeFormWriter(forms, new KingdeeFormWriter.Target("BD_Customer", "FCUSTID", "FNumber", "F_CRM_ID", "100",
                false)).write(List.of(new Input("001A", Map.of("FName", "杭州甲公司")),
                new Input("001B", Map.of("FName", "杭州乙公司"))));
        forms.batchSave("BD_Customer", List.of(Map.of("FCUSTID", kingdee.customers().get(1).get("FCUSTID"),
                "FForbidStatus", "B")), List.of("FForbidStatus"));
    }

    @AfterEach
    void stop() {
        kingdee.close();
    }

    private KingdeeFormWriter writer() {
        return new KingdeeFormWriter(forms, new KingdeeFormWriter.Target("BD_CommonContact", "FCONTACTID", "FNumber",
                "F_CRM_ID", "100", false, null, List.of("FCreateOrgId", "FUseOrgId"), Set.of("FCompanyType")));
    }

    private static Input contact(String crmId, String name, String customer, String post) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("FName", name);
        m.put("FCompanyType", "BD_Customer");
        m.put("FCompany", Map.of("FNumber", customer));
        m.put("FPost", post);
        m.put("FMobile", "+8613800138000");
        return new Input(crmId, m);
    }

    @Test
    void contactsAreSavedUnderTheirCustomerAndTheRefusedOnesFailAloneWithKingdeesMessage() {
        List<Outcome> out = writer().write(List.of(contact("003A", "张伟", "CUST0001", "采购经理"),
                contact("003B", "李娜", "CUST9999", ""), contact("003C", "王芳", "CUST0002", ""),
                contact("003D", "", "CUST0001", ""), contact("003E", "赵敏", "CUST0001", "")));
        assertThat(out).extracting(Outcome::kind).containsExactly(Outcome.Kind.CREATED, Outcome.Kind.FAILED,
                Outcome.Kind.FAILED, Outcome.Kind.FAILED, Outcome.Kind.CREATED);
        assertThat(out.get(0).number()).isEqualTo("CXR000001");
        assertThat(out.get(4).number()).isEqualTo("CXR000002");
        assertThat(out.get(1).reason()).isEqualTo("Kingdee refused the BD_CommonContact: FCompany: 字段“所属公司”的值“CUST9999”在系统中不存在");
        assertThat(out.get(2).reason()).isEqualTo("Kingdee refused the BD_CommonContact: FCompany: 客户“CUST0002”已禁用，不能使用");
        assertThat(out.get(3).reason()).isEqualTo("Kingdee refused the BD_CommonContact: FName: 字段“姓名”是必填项，请录入");
        assertThat(kingdee.contacts()).hasSize(2);
        assertThat(kingdee.contacts().get(0)).containsEntry("F_CRM_ID", "003A").containsEntry("FCOMPANY",
                Map.of("FNumber", "CUST0001")).containsEntry("FUSEORGID", Map.of("FNumber", "100"))
                .containsEntry("FCREATEORGID", Map.of("FNumber", "100"));
        assertThat(String.valueOf(kingdee.contacts().get(0).get("FCONTACTID"))).isEqualTo(out.get(0).id());
    }

    @Test
    void aContactWrittenAgainIsFoundByItsCrmIdUnchangedOrUpdatedNeverSavedTwice() {
        Outcome created = writer().write(List.of(contact("003A", "张伟", "CUST0001", "采购经理"))).get(0);
        long saves = kingdee.calls().get("BatchSave");

        Outcome same = writer().write(List.of(contact("003A", "张伟", "CUST0001", "采购经理"))).get(0);
        assertThat(same.kind()).isEqualTo(Outcome.Kind.UNCHANGED);
        assertThat(same.number()).isEqualTo(created.number());
        assertThat(kingdee.calls().get("BatchSave")).as("nothing saved for an unchanged contact").isEqualTo(saves);

        Outcome moved = writer().write(List.of(contact("003A", "张伟", "CUST0001", "总经理"))).get(0);
        assertThat(moved.kind()).isEqualTo(Outcome.Kind.UPDATED);
        assertThat(moved.number()).isEqualTo(created.number());
        assertThat(kingdee.contacts()).singleElement().satisfies(c -> assertThat(c).containsEntry("FPOST", "总经理")
                .containsEntry("FCOMPANYTYPE", "BD_Customer").containsEntry("FNUMBER", created.number()));
    }

    @Test
    void aNameTooLongForKingdeeIsRefusedNeverCut() {
        Outcome out = writer().write(List.of(contact("003A", "名".repeat(81), "CUST0001", ""))).get(0);
        assertThat(out.kind()).isEqualTo(Outcome.Kind.FAILED);
        assertThat(out.reason()).isEqualTo("Kingdee refused the BD_CommonContact: FName: 字段“姓名”的长度超过了最大长度80");
        assertThat(kingdee.contacts()).isEmpty();
    }
}
