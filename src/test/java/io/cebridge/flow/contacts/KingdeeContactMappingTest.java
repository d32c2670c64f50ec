package io.cebridge.flow.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.mapping.MappingRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kingdee twin of the contacts mapping: canonical contact -> BD_CommonContact Save model. */
class KingdeeContactMappingTest {
    private static final String TWIN = "contacts/contact-to-erp-contact.kingdee.jsonata";

    private static Map<String, Object> map(Map<String, Object> canonical) throws Exception {
        return MappingRegistry.load(Path.of("mappings")).mapping(TWIN).apply(canonical);
    }

    private static Map<String, Object> contact(String first, String last) {
        Map<String, Object> c = new HashMap<>();
        c.put("sourceId", "003000000000001AAA");
        c.put("customerNo", "CUST0007");
        c.put("firstName", first);
        c.put("lastName", last);
        c.put("title", "采购经理");
        c.put("email", "maria.anders@alfreds.de");
        c.put("phone", "+4930123456");
        c.put("mobilePhone", "+8613800138000");
        return c;
    }

    @Test
    void aContactBecomesAContactOfItsKingdeeCustomerWithEveryField() throws Exception {
        Map<String, Object> model = map(contact("Maria", "Anders"));
        assertThat(model).containsEntry("FName", "Maria Anders").containsEntry("FCompanyType", "BD_Customer")
                .containsEntry("FCompany", Map.of("FNumber", "CUST0007")).containsEntry("FPost", "采购经理")
                .containsEntry("FTel", "+4930123456").containsEntry("FMobile", "+8613800138000")
                .containsEntry("FEmail", "maria.anders@alfreds.de");
        // the CRM id, the organisation and the number are the connector's (and Kingdee's numbering rule's)
        assertThat(model).doesNotContainKeys("F_CRM_ID", "FNumber", "FUseOrgId", "FCreateOrgId", "crm_contact_id");
    }

    @Test
    void aNameInChineseCharactersIsFamilyNameFirstWithoutASpace() throws Exception {
        assertThat(map(contact("伟", "张"))).containsEntry("FName", "张伟");
        assertThat(map(contact(null, "欧阳"))).containsEntry("FName", "欧阳");
        assertThat(map(contact(null, "Anders"))).containsEntry("FName", "Anders");
        assertThat(map(contact("", "Anders"))).containsEntry("FName", "Anders");
    }

    @Test
    void valuesTheCrmDoesNotHaveAreSentEmptySoAClearedValueIsClearedInKingdee() throws Exception {
        Map<String, Object> c = contact("Maria", "Anders");
        c.put("title", null);
        c.put("email", null);
        c.remove("phone");
        c.put("mobilePhone", null);
        assertThat(map(c)).containsEntry("FPost", "").containsEntry("FTel", "").containsEntry("FMobile", "")
                .containsEntry("FEmail", "");
    }

    @Test
    void theShippedMappingsStillCompileWithTheTwin() throws Exception {
        assertThat(MappingRegistry.check(Path.of("mappings"))).isEmpty();
    }
}
