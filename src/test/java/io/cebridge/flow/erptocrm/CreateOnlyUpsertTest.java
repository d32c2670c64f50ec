package io.cebridge.flow.erptocrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.connector.crm.SaveResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateOnlyUpsertTest {

    /** Knows which external ids exist; keeps every upserted body. */
    private static final class Crm implements CrmRecordWriter {
        final List<String> queries = new ArrayList<>();
        final List<List<Map<String, Object>>> upserts = new ArrayList<>();

        @Override
        public List<SaveResult> update(String sobject, List<Map<String, Object>> records, boolean allOrNone) {
            throw new AssertionError("no update by id expected");
        }

        @Override
        public List<SaveResult> upsert(String sobject, String field, List<Map<String, Object>> records, boolean all) {
            upserts.add(records);
            return records.stream().map(r -> new SaveResult(String.valueOf(r.get(field)), true, null, null,
                    r.containsKey("Pricebook2"))).toList();
        }

        @Override
        public List<SaveResult> create(String sobject, List<Map<String, Object>> records, boolean allOrNone) {
            throw new AssertionError("no create expected");
        }

        @Override
        public List<Map<String, Object>> find(String soql) {
            queries.add(soql);
            return List.of(Map.of("ERP_Price_Key__c", "usd-msrp|S10_1678")); // matched ignoring case, as Salesforce does
        }
    }

    @Test
    void existingEntriesGoWithoutTheCreateOnlyFieldsAndNewOnesWithThem() {
        CrmWrite w = CrmWrite.parse(Map.of("writes", List.of(Map.of("sobject", "PricebookEntry",
                "externalId", "ERP_Price_Key__c", "createOnly", List.of("Product2", "Pricebook2", "CurrencyIsoCode"),
                "continueOnReject", true, "records", List.of(entry("USD-MSRP|S10_1678"), entry("USD-MSRP|S10_1949"))))))
                .get(0);
        assertThat(w.continueOnReject()).isTrue();
        assertThat(w.target()).isNotEqualTo(w.target(1));
        Crm crm = new Crm();
        List<SaveResult> results = CreateOnlyUpsert.write(crm, w, w.records());

        assertThat(crm.queries).containsExactly("SELECT ERP_Price_Key__c FROM PricebookEntry WHERE ERP_Price_Key__c IN"
                + " ('USD-MSRP|S10_1678','USD-MSRP|S10_1949')");
        assertThat(crm.upserts.get(0)).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("ERP_Price_Key__c", "USD-MSRP|S10_1949").containsKeys("Product2", "Pricebook2",
                        "CurrencyIsoCode"));
        assertThat(crm.upserts.get(1)).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("ERP_Price_Key__c", "USD-MSRP|S10_1678").containsKey("UnitPrice")
                .doesNotContainKeys("Product2", "Pricebook2", "CurrencyIsoCode"));
        // results in the order of the records, whatever the order of the calls
        assertThat(results).extracting(SaveResult::id).containsExactly("USD-MSRP|S10_1678", "USD-MSRP|S10_1949");
    }

    @Test
    void theExternalIdCannotBeCreateOnlyAndWritesWithoutTheOptionsHashAsBefore() {
        assertThatThrownBy(() -> CrmWrite.parse(Map.of("writes", List.of(Map.of("sobject", "PricebookEntry",
                "externalId", "ERP_Price_Key__c", "createOnly", List.of("ERP_Price_Key__c"), "records", List.of())))))
                .hasMessageContaining("cannot be create-only");
        CrmWrite plain = new CrmWrite("Product2", "upsert", "ERP_Product_Code__c", List.of(Map.of("Name", "x")));
        assertThat(io.cebridge.json.Json.write(plain)).doesNotContain("createOnly").doesNotContain("continueOnReject");
    }

    private static Map<String, Object> entry(String key) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("ERP_Price_Key__c", key);
        e.put("Product2", Map.of("ERP_Product_Code__c", key.substring(key.indexOf('|') + 1)));
        e.put("Pricebook2", Map.of("ERP_Price_List_Code__c", "USD-MSRP"));
        e.put("CurrencyIsoCode", "USD");
        e.put("UnitPrice", new java.math.BigDecimal("95.70"));
        return e;
    }
}
