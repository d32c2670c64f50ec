package io.cebridge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.config.Secret;
import io.cebridge.connector.crm.SaveResult;
import io.cebridge.connector.crm.salesforce.SalesforceApiException;
import io.cebridge.connector.crm.salesforce.SalesforceClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connector's upsert, create and SOQL against the demo CRM: ERP data of the types the demo org describes lands and
 * reads back; what Salesforce refuses from the describe (unknown type or field, create-only or read-only field, a value
 * a restricted picklist does not have) is refused with its codes.
 */
class DemoObjectWritesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:15:30.000Z"));
    private final DemoAccountStore accounts = DemoAccountStore.empty(clock);
    private final DemoObjectStore objects = new DemoObjectStore(clock);
    private DemoSalesforceServer server;
    private SalesforceClient crm;
    private String acme;

    @BeforeEach
    void start() {
        acme = (String) accounts.create(Map.of("Name", "Acme", "ERP_Customer_No__c", "100001")).get("Id");
        server = new DemoSalesforceServer(accounts, objects, "id", "secret");
        server.start(0);
        crm = new SalesforceClient(server.loginUrl(), "id", new Secret("secret"), "60.0", Duration.ofSeconds(5), 2000, io.cebridge.connector.crm.salesforce.HostPolicy.localStandIn());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void upsertCreatesThenUpdatesByExternalIdAndResolvesTheAccountReference() {
        List<SaveResult> first = crm.upsert("ERP_Invoice__c", "ERP_Invoice_No__c",
                List.of(invoice("INV-1", "100001", "12345.60")), false);
        assertThat(first.get(0).success()).isTrue();
        assertThat(first.get(0).created()).isTrue();
        assertThat(first.get(0).id()).startsWith("a00").hasSize(18);

        List<SaveResult> second = crm.upsert("ERP_Invoice__c", "ERP_Invoice_No__c",
                List.of(invoice("inv-1", "100001", "99.90")), false);
        assertThat(second.get(0).created()).isFalse();
        assertThat(second.get(0).id()).isEqualTo(first.get(0).id());

        List<Map<String, Object>> stored = objects.records("ERP_Invoice__c");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).containsEntry("Account__c", acme).containsEntry("Total_Amount__c", new BigDecimal("99.90"))
                .containsEntry("Invoice_Date__c", "2024-03-01").doesNotContainKey("Account__r");
        assertThat(server.recordCounts()).containsEntry("Account", 1).containsEntry("ERP_Invoice__c", 1);
    }

    @Test
    void aMissingReferenceFailsThatRecordWithSalesforcesTextWhileTheRestLands() {
        List<SaveResult> res = crm.upsert("ERP_Invoice__c", "ERP_Invoice_No__c", List.of(
                invoice("INV-1", "100001", "1.00"), invoice("INV-2", "999999", "2.00"),
                invoice("INV-3", "100001", "3.00")), false);
        assertThat(res).extracting(SaveResult::success).containsExactly(true, false, true);
        assertThat(res.get(1).errorCode()).isEqualTo("INVALID_FIELD");
        assertThat(res.get(1).message()).isEqualTo(
                "Foreign key external ID: 999999 not found for field ERP_Customer_No__c in entity Account");
        assertThat(objects.records("ERP_Invoice__c")).extracting(r -> r.get("ERP_Invoice_No__c"))
                .containsExactly("INV-1", "INV-3");
    }

    @Test
    void allOrNoneLandsNothingWhenOneRecordFails() {
        List<SaveResult> res = crm.upsert("ERP_Invoice__c", "ERP_Invoice_No__c", List.of(
                invoice("INV-1", "100001", "1.00"), invoice("INV-2", "999999", "2.00")), true);
        assertThat(res.get(0).errorCode()).isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        assertThat(objects.records("ERP_Invoice__c")).isEmpty();
    }

    @Test
    void referencesToOtherDemoObjectsResolveThroughTheDescribedLookup() {
        crm.upsert("Product2", "ERP_Product_Code__c", List.of(Map.of("ERP_Product_Code__c", "P-1", "Name", "Widget")),
                false);
        Map<String, Object> stock = new LinkedHashMap<>();
        stock.put("ERP_Stock_Key__c", "P-1|WH1");
        stock.put("Product__r", Map.of("ERP_Product_Code__c", "P-1")); // the describe says Product__c is a Product2
        List<SaveResult> res = crm.upsert("ERP_Stock_Level__c", "ERP_Stock_Key__c", List.of(stock), false);
        assertThat(res.get(0).success()).as(String.valueOf(res.get(0))).isTrue();
        String productId = (String) objects.records("Product2").get(0).get("Id");
        assertThat(productId).startsWith("01t");
        assertThat(objects.records("ERP_Stock_Level__c").get(0)).containsEntry("Product__c", productId)
                .doesNotContainKey("Product__r");
    }

    @Test
    void aTypeTheOrgDoesNotHaveIsRefusedByWritesQueriesAndDescribe() {
        assertThatThrownBy(() -> crm.upsert("ERP_Order__c", "ERP_Order_No__c", List.of(Map.of("ERP_Order_No__c", "1")),
                false)).isInstanceOf(SalesforceApiException.class).hasMessageContaining("NOT_FOUND");
        List<SaveResult> created = crm.create("ERP_Order__c", List.of(Map.of("Name", "x")), false);
        assertThat(created.get(0).errorCode()).isEqualTo("INVALID_TYPE");
        assertThat(created.get(0).message()).startsWith("sObject type 'ERP_Order__c' is not supported.");
        assertThatThrownBy(() -> crm.query("SELECT Id FROM ERP_Order__c"))
                .isInstanceOf(SalesforceApiException.class).hasMessageContaining("INVALID_TYPE");
        assertThat(objects.counts()).doesNotContainKey("ERP_Order__c");
    }

    @Test
    void fieldsTheDescribeDoesNotHaveOrLetWriteAreRefusedAsSalesforceDoes() {
        List<SaveResult> unknown = crm.upsert("ERP_Invoice__c", "ERP_Invoice_No__c",
                List.of(Map.of("ERP_Invoice_No__c", "INV-1", "Paid__c", true)), false);
        assertThat(unknown.get(0).errorCode()).isEqualTo("INVALID_FIELD");
        assertThat(unknown.get(0).message()).isEqualTo("No such column 'Paid__c' on sobject of type ERP_Invoice__c");

        String rate = crm.create("DatedConversionRate", List.of(rate("CNY", "2024-03-01", "7.2310")), false).get(0).id();
        List<SaveResult> moved = crm.update("DatedConversionRate", List.of(Map.of("Id", rate, "StartDate",
                LocalDate.of(2024, 4, 1), "ConversionRate", new BigDecimal("7.3"))), false);
        assertThat(moved.get(0).errorCode()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(moved.get(0).message()).startsWith("Unable to create/update fields: StartDate.");
        assertThat(crm.update("DatedConversionRate", List.of(Map.of("Id", rate, "ConversionRate", new BigDecimal("7.3"))),
                false).get(0).success()).isTrue();

        String caseId = crm.create("Case", List.of(Map.of("AccountId", acme, "Type", "Return")), false).get(0).id();
        assertThat(objects.records("Case").get(0)).containsEntry("Id", caseId).containsEntry("CaseNumber", "00000001")
                .containsEntry("IsDeleted", false);
        List<SaveResult> numbered = crm.update("Case", List.of(Map.of("Id", caseId, "CaseNumber", "42")), false);
        assertThat(numbered.get(0).errorCode()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
        List<SaveResult> badStatus = crm.update("Case", List.of(Map.of("Id", caseId, "ERP_Return_Status__c", "Lost")),
                false);
        assertThat(badStatus.get(0).errorCode()).isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(badStatus.get(0).message())
                .isEqualTo("ERP_Return_Status__c: bad value for restricted picklist field: Lost");
        assertThat(crm.update("Case", List.of(Map.of("Id", caseId, "ERP_Return_Status__c", "Received")), false).get(0)
                .success()).isTrue();
    }

    @Test
    void numbersMayComeAsTextAsMappingsSendExactDecimalsButNotAsWords() {
        String quote = objects.seed("Quote", Map.of("Name", "Q-1", "QuoteNumber", "Q-1"));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("Id", quote);
        status.put("ERP_Shipped_Quantity__c", "4.000");
        status.put("ERP_Invoiced_Amount__c", new BigDecimal("150.00"));
        assertThat(crm.update("Quote", List.of(status), false).get(0).success()).isTrue();
        assertThat(objects.records("Quote").get(0)).containsEntry("ERP_Shipped_Quantity__c", new BigDecimal("4.000"));
        List<SaveResult> words = crm.update("Quote", List.of(Map.of("Id", quote, "ERP_Shipped_Quantity__c", "four")),
                false);
        assertThat(words.get(0).errorCode()).isEqualTo("INVALID_TYPE_ON_FIELD_IN_RECORD");
        List<SaveResult> notADate = crm.update("Quote", List.of(Map.of("Id", quote, "ExpirationDate", "31.12.2026")),
                false);
        assertThat(notADate.get(0).errorCode()).isEqualTo("INVALID_TYPE_ON_FIELD_IN_RECORD");
    }

    @Test
    void aDescribedFieldNoRecordFillsReadsAsNull() {
        crm.upsert("ERP_Invoice__c", "ERP_Invoice_No__c", List.of(invoice("INV-1", "100001", "1.00")), false);
        var page = crm.query("SELECT Id, Due_Date__c, quote__c FROM ERP_Invoice__c");
        assertThat(page.records()).singleElement().satisfies(r -> assertThat(r).containsEntry("Due_Date__c", null));
    }

    @Test
    void seedsMayFillReadOnlyFieldsButNotFieldsTheDescribeLacks() {
        String quote = objects.seed("Quote", Map.of("Name", "Q", "QuoteNumber", "Q-1", "TotalPrice", BigDecimal.TEN));
        assertThat(objects.records("Quote").get(0)).containsEntry("Id", quote).containsEntry("QuoteNumber", "Q-1");
        assertThatThrownBy(() -> objects.seed("Quote", Map.of("Name", "Q", "Colour__c", "red")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Colour__c");
        assertThatThrownBy(() -> objects.seed("Widget__c", Map.of("Name", "w")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Widget__c");
    }

    @Test
    void createdRatesAreFoundBySoqlWithDateAndInLiterals() {
        List<SaveResult> created = crm.create("DatedConversionRate", List.of(rate("CNY", "2024-03-01", "7.2310"),
                rate("EUR", "2024-03-01", "0.9210"), rate("USD", "2024-03-01", "1"),
                rate("CNY", "2024-02-01", "7.1000")), false);
        assertThat(created).allMatch(SaveResult::success);
        assertThat(created.get(0).id()).startsWith("04w");
        var page = crm.query("SELECT Id, IsoCode, StartDate, ConversionRate FROM DatedConversionRate"
                + " WHERE StartDate = 2024-03-01 AND IsoCode IN ('CNY','eur') ORDER BY IsoCode");
        assertThat(page.records()).extracting(r -> r.get("IsoCode")).containsExactly("CNY", "EUR");
        assertThat(page.records().get(0)).containsEntry("ConversionRate", new BigDecimal("7.2310"))
                .containsEntry("StartDate", "2024-03-01").containsEntry("Id", created.get(0).id());
    }

    @Test
    void soqlOnATypeNeverWrittenIsEmptyAndAnUnknownFieldOfAKnownTypeIsRefused() {
        assertThat(crm.query("SELECT Id FROM DatedConversionRate WHERE IsoCode = 'CNY'").records()).isEmpty();
        crm.create("DatedConversionRate", List.of(rate("CNY", "2024-03-01", "7.2310")), false);
        assertThatThrownBy(() -> crm.query("SELECT Id, Rate__c FROM DatedConversionRate"))
                .isInstanceOf(SalesforceApiException.class).hasMessageContaining("INVALID_FIELD");
    }

    @Test
    void accountTakesTheFinancialSummaryFieldsExactlyByErpCustomerNumber() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("ERP_Customer_No__c", "100001");
        summary.put("YTD_Sales__c", new BigDecimal("1234567.80"));
        summary.put("AR_Over_90__c", new BigDecimal("0.00"));
        summary.put("Credit_Limit__c", new BigDecimal("500000"));
        summary.put("Financials_As_Of__c", LocalDate.of(2024, 3, 1));
        List<SaveResult> res = crm.upsert("Account", "ERP_Customer_No__c", List.of(summary), false);
        assertThat(res.get(0)).isEqualTo(new SaveResult(acme, true, null, null, false));
        var page = crm.query("SELECT Id, YTD_Sales__c, AR_Over_90__c, Financials_As_Of__c FROM Account"
                + " WHERE YTD_Sales__c > 1000000 AND Financials_As_Of__c = 2024-03-01");
        assertThat(page.records()).hasSize(1);
        assertThat(page.records().get(0)).containsEntry("YTD_Sales__c", new BigDecimal("1234567.80"))
                .containsEntry("AR_Over_90__c", new BigDecimal("0.00")).containsEntry("Financials_As_Of__c", "2024-03-01");

        List<SaveResult> bad = crm.update("Account", List.of(Map.of("Id", acme, "Credit_Used__c", "lots")), false);
        assertThat(bad.get(0).errorCode()).isEqualTo("INVALID_TYPE_ON_FIELD_IN_RECORD");
        assertThatThrownBy(() -> crm.upsert("Account", "Name", List.of(Map.of("Name", "x")), false))
                .isInstanceOf(SalesforceApiException.class).hasMessageContaining("NOT_FOUND");
    }

    @Test
    void aUniqueFieldsValueAnotherRecordHasIsRefused() {
        String first = crm.create("ERP_Invoice__c", List.of(Map.of("ERP_Invoice_No__c", "INV-1")), false).get(0).id();
        SaveResult again = crm.create("ERP_Invoice__c", List.of(Map.of("ERP_Invoice_No__c", "inv-1")), false).get(0);
        assertThat(again.errorCode()).isEqualTo("DUPLICATE_VALUE");
        assertThat(again.message()).isEqualTo("duplicate value found: ERP_Invoice_No__c duplicates value on record with id: "
                + first);
        assertThat(crm.update("ERP_Invoice__c", List.of(Map.of("Id", first, "ERP_Invoice_No__c", "INV-1")), false).get(0)
                .success()).isTrue();
        assertThat(objects.records("ERP_Invoice__c")).hasSize(1);
    }

    @Test
    void duplicateExternalIdsInOneCallAreRefused() {
        List<SaveResult> res = crm.upsert("ERP_Invoice__c", "ERP_Invoice_No__c", List.of(
                invoice("INV-1", "100001", "1.00"), invoice("INV-1", "100001", "2.00")), false);
        assertThat(res).extracting(SaveResult::errorCode).containsExactly("DUPLICATE_EXTERNAL_ID", "DUPLICATE_EXTERNAL_ID");
        assertThat(objects.records("ERP_Invoice__c")).isEmpty();
    }

    @Test
    void whatArrivedCanBeListedPerTypeForTheReadme() {
        crm.upsert("ERP_Invoice__c", "ERP_Invoice_No__c", List.of(invoice("INV-1", "100001", "12345.60")), false);
        DemoCrmClient http = new DemoCrmClient(server.loginUrl()).login("id", "secret");
        DemoCrmClient.Response invoices = http.get("/demo/sobjects/ERP_Invoice__c");
        assertThat(invoices.status()).isEqualTo(200);
        assertThat(invoices.json().get(0).get("Total_Amount__c").decimalValue()).isEqualByComparingTo("12345.60");
        assertThat(invoices.json().get(0).get("Account__c").asText()).isEqualTo(acme);
        assertThat(http.get("/demo/sobjects").json().get("ERP_Invoice__c").asInt()).isEqualTo(1);
        assertThat(http.get("/demo/sobjects/Nothing__c").json().size()).isZero();
    }

    private static Map<String, Object> invoice(String no, String customerNo, String amount) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ERP_Invoice_No__c", no);
        r.put("Account__r", Map.of("ERP_Customer_No__c", customerNo));
        r.put("Total_Amount__c", new BigDecimal(amount));
        r.put("Invoice_Date__c", LocalDate.of(2024, 3, 1));
        return r;
    }

    private static Map<String, Object> rate(String iso, String startDate, String rate) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("IsoCode", iso);
        r.put("StartDate", LocalDate.parse(startDate));
        r.put("ConversionRate", new BigDecimal(rate));
        return r;
    }
}
