package io.cebridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.Secret;
import io.cebridge.connector.crm.SaveResult;
import io.cebridge.connector.crm.salesforce.HostPolicy;
import io.cebridge.connector.crm.salesforce.SalesforceClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo CRM refuses what Salesforce refuses on price book entries, from the describe metadata and the object
 * reference's rules, through the connector's own calls: create-only lookups, the standard price first, per currency.
 */
class DemoPricebookRulesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:15:30.000Z"));
    private final DemoObjectStore objects = new DemoObjectStore(clock);
    private DemoSalesforceServer server;
    private SalesforceClient crm;
    private String standardBook;
    private String dealerBook;

    @BeforeEach
    void start() {
        server = new DemoSalesforceServer(DemoAccountStore.empty(clock), objects, "id", "secret");
        server.start(0);
        crm = new SalesforceClient(server.loginUrl(), "id", new Secret("secret"), "60.0", Duration.ofSeconds(5), 2000,
                HostPolicy.localStandIn());
        standardBook = objects.standardPricebookId();
        objects.seedUpdate("Pricebook2", standardBook, Map.of("ERP_Price_List_Code__c", "USD-MSRP"));
        dealerBook = objects.seed("Pricebook2", Map.of("Name", "Dealer", "ERP_Price_List_Code__c", "DEALER",
                "IsActive", true));
        assertThat(crm.upsert("Product2", "ERP_Product_Code__c", List.of(Map.of("ERP_Product_Code__c", "S10_1678",
                "Name", "1969 Harley Davidson Ultimate Chopper")), false)).allMatch(SaveResult::success);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anUpsertThatMatchesAnEntryAndSendsPricebook2IsRefusedAsSalesforceRefusesIt() {
        assertThat(upsert(entry("USD-MSRP|S10_1678", "USD-MSRP", "USD", "95.70"))).isNull();

        SaveResult again = crm.upsert("PricebookEntry", "ERP_Price_Key__c",
                List.of(entry("USD-MSRP|S10_1678", "USD-MSRP", "USD", "99.00")), false).get(0);
        assertThat(again.success()).isFalse();
        assertThat(again.errorCode()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(again.message()).startsWith("Unable to create/update fields: Product2Id, Pricebook2Id, CurrencyIsoCode.");
        assertThat(price("USD-MSRP|S10_1678")).isEqualByComparingTo("95.70");

        // the same change without the create-only fields (Product2Id, Pricebook2Id, CurrencyIsoCode) is taken
        Map<String, Object> change = new LinkedHashMap<>(entry("USD-MSRP|S10_1678", "USD-MSRP", "USD", "99.00"));
        change.keySet().removeAll(List.of("Product2", "Pricebook2", "CurrencyIsoCode"));
        assertThat(upsert(change)).isNull();
        assertThat(price("USD-MSRP|S10_1678")).isEqualByComparingTo("99.00");
    }

    @Test
    void anUpdateByIdThatSendsPricebook2IdIsRefused() {
        upsert(entry("USD-MSRP|S10_1678", "USD-MSRP", "USD", "95.70"));
        String id = (String) objects.records("PricebookEntry").get(0).get("Id");
        SaveResult r = crm.update("PricebookEntry", List.of(Map.of("Id", id, "Pricebook2Id", standardBook,
                "UnitPrice", new BigDecimal("1.00"))), false).get(0);
        assertThat(r.errorCode()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(r.message()).contains("Pricebook2Id");
    }

    @Test
    void aCustomPriceNeedsAnActiveStandardPriceInItsCurrency() {
        assertThat(upsert(entry("DEALER|S10_1678", "DEALER", "USD", "80.00"))).isEqualTo("STANDARD_PRICE_NOT_DEFINED");
        assertThat(upsert(entry("USD-MSRP|S10_1678", "USD-MSRP", "USD", "95.70"))).isNull();
        // a standard price in USD does not cover EUR
        assertThat(upsert(entry("DEALER-EUR|S10_1678", "DEALER", "EUR", "70.00")))
                .isEqualTo("STANDARD_PRICE_NOT_DEFINED");
        assertThat(upsert(entry("DEALER|S10_1678", "DEALER", "USD", "80.00"))).isNull();
        assertThat(upsert(entry("DEALER-2|S10_1678", "DEALER", "USD", "81.00"))).isEqualTo("DUPLICATE_VALUE");
    }

    @Test
    void useStandardPriceTakesTheStandardPriceAndRefusesAListPriceBesideIt() {
        upsert(entry("USD-MSRP|S10_1678", "USD-MSRP", "USD", "95.70"));
        Map<String, Object> both = new LinkedHashMap<>(entry("DEALER|S10_1678", "DEALER", "USD", "80.00"));
        both.put("UseStandardPrice", true);
        assertThat(upsert(both)).isEqualTo("FIELD_INTEGRITY_EXCEPTION");
        both.remove("UnitPrice");
        assertThat(upsert(both)).isNull();
        assertThat(price("DEALER|S10_1678")).isEqualByComparingTo("95.70");

        Map<String, Object> standard = new LinkedHashMap<>(entry("USD-MSRP|S10_1678", "USD-MSRP", "USD", null));
        standard.put("UseStandardPrice", true);
        standard.put("ERP_Price_Key__c", "STD-AGAIN");
        assertThat(upsert(standard)).isEqualTo("FIELD_INTEGRITY_EXCEPTION");
    }

    @Test
    void describedFieldsAreCheckedForExistenceRequirementLengthAndIdShape() {
        assertThat(upsertProduct(Map.of("ERP_Product_Code__c", "X1", "Name", "x", "Colour__c", "red")))
                .isEqualTo("INVALID_FIELD");
        assertThat(upsertProduct(Map.of("ERP_Product_Code__c", "X1", "Family", "Cars"))).isEqualTo(
                "REQUIRED_FIELD_MISSING"); // Name is required on create
        assertThat(upsertProduct(Map.of("ERP_Product_Code__c", "X1", "Name", "x", "Family", "f".repeat(41))))
                .isEqualTo("STRING_TOO_LONG");
        assertThat(upsertProduct(Map.of("ERP_Product_Code__c", "X1", "Name", "x", "IsArchived", true)))
                .isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
        Map<String, Object> badId = new LinkedHashMap<>(entry("USD-MSRP|S10_1678", "USD-MSRP", "USD", "1.00"));
        badId.remove("Pricebook2");
        badId.put("Pricebook2Id", "01s-not-an-id");
        assertThat(upsert(badId)).isEqualTo("MALFORMED_ID");
        badId.put("Pricebook2Id", dealerBook.substring(0, 15)); // a 15-character id is as good as its 18
        assertThat(upsert(badId)).isEqualTo("STANDARD_PRICE_NOT_DEFINED");
    }

    @Test
    void describeAnswersTheMetadataTheRulesComeFrom() {
        DemoCrmClient client = new DemoCrmClient(server.loginUrl()).login("id", "secret");
        DemoCrmClient.Response entry = client.get("/services/data/v60.0/sobjects/PricebookEntry/describe");
        assertThat(entry.status()).isEqualTo(200);
        com.fasterxml.jackson.databind.JsonNode pricebook2Id = null;
        for (com.fasterxml.jackson.databind.JsonNode f : entry.json().path("fields")) {
            if (f.path("name").asText().equals("Pricebook2Id")) {
                pricebook2Id = f;
            }
        }
        assertThat(pricebook2Id).isNotNull();
        assertThat(pricebook2Id.path("createable").asBoolean()).isTrue();
        assertThat(pricebook2Id.path("updateable").asBoolean()).isFalse();
        assertThat(client.get("/services/data/v60.0/sobjects/Account/describe").json().path("fields").size())
                .isEqualTo(AccountFields.all().size());
        DemoCrmClient.Response unknown = client.get("/services/data/v60.0/sobjects/NoSuch__c/describe");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path(0).path("errorCode").asText()).isEqualTo("NOT_FOUND");
    }

    private String upsertProduct(Map<String, Object> product) {
        SaveResult r = crm.upsert("Product2", "ERP_Product_Code__c", List.of(product), false).get(0);
        return r.success() ? null : r.errorCode();
    }

    private String upsert(Map<String, Object> entry) {
        SaveResult r = crm.upsert("PricebookEntry", "ERP_Price_Key__c", List.of(entry), false).get(0);
        return r.success() ? null : r.errorCode();
    }

    private BigDecimal price(String key) {
        return (BigDecimal) objects.records("PricebookEntry").stream().filter(e -> key.equals(e.get("ERP_Price_Key__c")))
                .findFirst().orElseThrow().get("UnitPrice");
    }

    private static Map<String, Object> entry(String key, String book, String currency, String price) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("ERP_Price_Key__c", key);
        e.put("Product2", Map.of("ERP_Product_Code__c", "S10_1678"));
        e.put("Pricebook2", Map.of("ERP_Price_List_Code__c", book));
        e.put("CurrencyIsoCode", currency);
        if (price != null) {
            e.put("UnitPrice", new BigDecimal(price));
        }
        e.put("IsActive", true);
        return e;
    }
}
