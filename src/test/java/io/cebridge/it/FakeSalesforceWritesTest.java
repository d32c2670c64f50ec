package io.cebridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.Secret;
import io.cebridge.connector.crm.SaveResult;
import io.cebridge.connector.crm.salesforce.HostPolicy;
import io.cebridge.connector.crm.salesforce.SalesforceClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test stand-in for Salesforce's write API refuses, as Salesforce does, what the describe does not let a call
 * write: PricebookEntry's Pricebook2Id and Product2Id are createable, not updateable ("It can't be changed in an
 * update", PricebookEntry object reference).
 */
class FakeSalesforceWritesTest {
    private FakeSalesforceWrites fake;
    private SalesforceClient crm;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSalesforceWrites();
        crm = new SalesforceClient(fake.baseUrl(), "id", new Secret("secret"), "60.0", Duration.ofSeconds(5), 200,
                HostPolicy.localStandIn());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aPricebookEntryUpdateThatSendsPricebook2IdIsRefusedAndTheEntryStaysAsItWas() {
        SaveResult created = crm.upsert("PricebookEntry", "ERP_Price_Key__c", List.of(entry(true, "48.81")), false).get(0);
        assertThat(created.success()).isTrue();
        assertThat(created.created()).isTrue();

        SaveResult again = crm.upsert("PricebookEntry", "ERP_Price_Key__c", List.of(entry(true, "50.00")), false).get(0);
        assertThat(again.success()).isFalse();
        assertThat(again.errorCode()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(again.message()).startsWith("Unable to create/update fields: Pricebook2Id, Product2Id.");
        assertThat(fake.of("PricebookEntry").get("USD-MSRP|S10_1678").get("UnitPrice").decimalValue())
                .isEqualByComparingTo("48.81");

        Map<String, Object> byId = new LinkedHashMap<>();
        byId.put("Id", created.id());
        byId.put("Pricebook2Id", "01s000000000001AAA");
        SaveResult update = crm.update("PricebookEntry", List.of(byId), false).get(0);
        assertThat(update.errorCode()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");

        SaveResult price = crm.upsert("PricebookEntry", "ERP_Price_Key__c", List.of(entry(false, "50.00")), false).get(0);
        assertThat(price.success()).as(String.valueOf(price)).isTrue();
        assertThat(fake.of("PricebookEntry").get("USD-MSRP|S10_1678").get("UnitPrice").decimalValue())
                .isEqualByComparingTo("50.00");
    }

    @Test
    void aFieldTheDescribeDoesNotHaveIsRefusedAndAnUndescribedTypeIsNotChecked() {
        SaveResult unknown = crm.create("DatedConversionRate", List.of(Map.of("IsoCode", "EUR", "StartDate", "2024-03-01",
                "ConversionRate", new BigDecimal("0.92"), "Rate__c", 1)), false).get(0);
        assertThat(unknown.errorCode()).isEqualTo("INVALID_FIELD");
        assertThat(unknown.message()).isEqualTo("No such column 'Rate__c' on sobject of type DatedConversionRate");
        assertThat(crm.upsert("Account", "ERP_Customer_No__c", List.of(Map.of("ERP_Customer_No__c", "100001",
                "YTD_Sales__c", BigDecimal.ONE)), false).get(0).success()).isTrue();
    }

    private static Map<String, Object> entry(boolean withParents, String price) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("ERP_Price_Key__c", "USD-MSRP|S10_1678");
        if (withParents) {
            e.put("Pricebook2", Map.of("ERP_Price_List_Code__c", "USD-MSRP"));
            e.put("Product2", Map.of("ERP_Product_Code__c", "S10_1678"));
        }
        e.put("UnitPrice", new BigDecimal(price));
        e.put("IsActive", true);
        return e;
    }
}
