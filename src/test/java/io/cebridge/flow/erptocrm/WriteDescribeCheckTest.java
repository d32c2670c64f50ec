package io.cebridge.flow.erptocrm;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.json.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the product-catalog mapping writes, checked against the describe bodies the demo org answers with. */
class WriteDescribeCheckTest {
    private final List<String> described = new ArrayList<>();
    private final WriteDescribeCheck check = new WriteDescribeCheck(type -> {
        described.add(type);
        try (InputStream in = getClass().getResourceAsStream("/demo/describe/" + type + ".json")) {
            return in == null ? Optional.empty() : Optional.of(Json.readMap(new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    });

    @Test
    void theFlowsWritesPassAndEachMistakeIsNamedWithItsField() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("ERP_Price_Key__c", "USD-MSRP|S10_1678");
        entry.put("Product2", Map.of("ERP_Product_Code__c", "S10_1678"));
        entry.put("Pricebook2", Map.of("ERP_Price_List_Code__c", "USD-MSRP"));
        entry.put("CurrencyIsoCode", "USD");
        entry.put("UnitPrice", new java.math.BigDecimal("95.70"));
        Map<String, Object> good = Map.of("writes", List.of(
                Map.of("sobject", "Product2", "externalId", "ERP_Product_Code__c", "records",
                        List.of(Map.of("ERP_Product_Code__c", "S10_1678", "Name", "Chopper"))),
                Map.of("sobject", "PricebookEntry", "externalId", "ERP_Price_Key__c", "createOnly",
                        List.of("Product2", "Pricebook2", "CurrencyIsoCode"), "records", List.of(entry)),
                Map.of("sobject", "PricebookEntry", "externalId", "ERP_Price_Key__c", "createOnly",
                        List.of("Product2", "Pricebook2", "CurrencyIsoCode"), "records", List.of(entry))));
        assertThat(check.check("product-to-salesforce.jsonata", CrmWrite.parse(good))).isEmpty();
        assertThat(described).containsExactly("Product2", "PricebookEntry"); // once per sObject

        Map<String, Object> bad = Map.of("writes", List.of(
                Map.of("sobject", "Product2", "externalId", "ERP_Product_Code__c", "records",
                        List.of(Map.of("ERP_Product_Code__c", "S10_1678", "Colour__c", "red", "Family", "f".repeat(41),
                                "IsArchived", true))),
                Map.of("sobject", "PricebookEntry", "externalId", "ERP_Price_Key__c", "records", List.of(entry)),
                Map.of("sobject", "Widget__c", "externalId", "Key__c", "records", List.of(Map.of("Key__c", "1")))));
        assertThat(check.check("product-to-salesforce.jsonata", CrmWrite.parse(bad))).containsExactlyInAnyOrder(
                "product-to-salesforce.jsonata: Product2.Colour__c: no such field in the org",
                "product-to-salesforce.jsonata: Product2.Family: a value of 41 characters does not fit its length 40",
                "product-to-salesforce.jsonata: Product2.IsArchived: not createable",
                "product-to-salesforce.jsonata: PricebookEntry.Product2: not updateable: an upsert that matches a"
                        + " record would be refused; name it in createOnly",
                "product-to-salesforce.jsonata: PricebookEntry.Pricebook2: not updateable: an upsert that matches a"
                        + " record would be refused; name it in createOnly",
                "product-to-salesforce.jsonata: PricebookEntry.CurrencyIsoCode: not updateable: an upsert that"
                        + " matches a record would be refused; name it in createOnly",
                "product-to-salesforce.jsonata: Widget__c: the org has no such sObject");
    }

    @Test
    void aValueOfAnotherTypeThanTheFieldsIsNamedWithBoth() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("ERP_Price_Key__c", "USD-MSRP|S10_1678");
        entry.put("UnitPrice", "95,70");
        entry.put("IsActive", "yes");
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("ERP_Product_Code__c", "S10_1678");
        product.put("IsActive", true);
        product.put("Name", List.of("Chopper"));
        Map<String, Object> writes = Map.of("writes", List.of(
                Map.of("sobject", "Product2", "externalId", "ERP_Product_Code__c", "records", List.of(product)),
                Map.of("sobject", "PricebookEntry", "externalId", "ERP_Price_Key__c", "records", List.of(entry))));
        assertThat(check.check("m.jsonata", CrmWrite.parse(writes))).containsExactlyInAnyOrder(
                "m.jsonata: Product2.Name: a value of type string is expected, the mapping writes a list",
                "m.jsonata: PricebookEntry.UnitPrice: a value of type currency is expected, the mapping writes text '95,70'",
                "m.jsonata: PricebookEntry.IsActive: a value of type boolean is expected, the mapping writes text 'yes'");

        entry.put("UnitPrice", "95.70"); // a number as text is what Salesforce takes
        entry.put("IsActive", true);
        product.put("Name", "Chopper");
        assertThat(check.check("m.jsonata", CrmWrite.parse(writes))).isEmpty();
    }
}
