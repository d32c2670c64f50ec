package io.cebridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.flow.erptocrm.CrmWrite;
import io.cebridge.store.DeadLetter;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the CRM writes an ERP -> CRM flow would make are matched with the CRM records as read. */
class DocumentComparisonTest {
    private static final DocumentComparison.WriteKey INVOICE = new DocumentComparison.WriteKey("ERP_Invoice__c",
            CrmWrite.UPSERT, List.of("ERP_Invoice_No__c"));
    private static final DocumentComparison.WriteKey LINE = new DocumentComparison.WriteKey("ERP_Invoice_Line__c",
            CrmWrite.UPSERT, List.of("ERP_Line_Key__c"));
    private static final DocumentComparison.WriteKey OPPORTUNITY = new DocumentComparison.WriteKey("Opportunity",
            CrmWrite.UPDATE, List.of("Id"));

    @Test
    void reportsEachDocumentByWhatTheCrmHasOfItsRecords() {
        List<ExpectedDocuments.Expected> docs = List.of(
                invoice("INV-1", "OPEN", "100.00", line("INV-1/1", "2"), line("INV-1/2", "3")),
                invoice("INV-2", "OPEN", "7.00", line("INV-2/1", "1")),
                invoice("INV-3", "PAID", "12.5", line("INV-3/1", "1.0")),
                refused("INV-4"), refused("INV-5"));
        Map<DocumentComparison.WriteKey, Map<String, Map<String, Object>>> crm = new HashMap<>();
        crm.put(INVOICE, Map.of(
                "INV-1", crmRecord("a01000000000001", "ERP_Invoice_No__c", "INV-1", "Status__c", "PAID",
                        "Total_Amount__c", new BigDecimal("100.0")),
                "INV-3", crmRecord("a01000000000003", "ERP_Invoice_No__c", "INV-3", "Status__c", "PAID",
                        "Total_Amount__c", new BigDecimal("12.50")),
                "INV-9", crmRecord("a01000000000009", "ERP_Invoice_No__c", "INV-9", "Status__c", "OPEN",
                        "Total_Amount__c", BigDecimal.ONE)));
        crm.put(LINE, Map.of(
                "INV-1/1", crmRecord("a02000000000001", "ERP_Line_Key__c", "INV-1/1", "Quantity__c", 2),
                "INV-3/1", crmRecord("a02000000000003", "ERP_Line_Key__c", "INV-3/1", "Quantity__c", 1)));
        Map<String, DeadLetter> letters = Map.of("invoice:INV-4", letter("invoice:INV-4"));

        DocumentComparison.Result r = DocumentComparison.compare(docs, letters, crm);

        assertThat(r.agree()).isEqualTo(1); // INV-3: 12.5 = 12.50, 1.0 = 1
        assertThat(r.findings()).extracting(f -> f.kind() + " " + f.crmId() + " " + f.erpNo()).containsExactlyInAnyOrder(
                "DIFFERENT a01000000000001 invoice:INV-1", "ONLY_IN_ERP null invoice:INV-2",
                "DEAD_LETTERED null invoice:INV-4", "REFUSED null invoice:INV-5", "ONLY_IN_CRM a01000000000009 INV-9");
        Finding different = r.findings().stream().filter(f -> f.kind() == Finding.Kind.DIFFERENT).findFirst().orElseThrow();
        assertThat(different.differences()).containsExactly(
                new Finding.ColumnDifference("ERP_Invoice__c[INV-1].Status__c", "PAID", "OPEN"));
        assertThat(different.detail()).isEqualTo("missing in the CRM: ERP_Invoice_Line__c INV-1/2");
        assertThat(r.findings()).filteredOn(f -> f.kind() == Finding.Kind.REFUSED).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains("CUSTOMER_NOT_LINKED"));
    }

    @Test
    void aRecordUpdatedByIdIsComparedButNeverReportedOnlyInTheCrm() {
        Map<String, Object> update = new LinkedHashMap<>(Map.of("Id", "006000000000001AAA", "StageName", "Closed Won",
                "ERP_Shipped_At__c", "2026-01-05T08:00:00Z"));
        ExpectedDocuments.Expected doc = new ExpectedDocuments.Expected("order-status:SO-1", "order-status", "SO-1",
                Map.of(), List.of(new CrmWrite("Opportunity", CrmWrite.UPDATE, null, List.of(update))), null, null);
        Map<DocumentComparison.WriteKey, Map<String, Map<String, Object>>> crm = Map.of(OPPORTUNITY, Map.of(
                "006000000000001AAA", crmRecord("006000000000001AAA", "StageName", "Closed Won",
                        "ERP_Shipped_At__c", "2026-01-05T08:00:00.000+0000"),
                "006000000000002AAA", crmRecord("006000000000002AAA", "StageName", "Prospecting")));

        DocumentComparison.Result r = DocumentComparison.compare(List.of(doc), Map.of(), crm);

        assertThat(r.agree()).isEqualTo(1); // the same instant as Salesforce writes it
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void relationshipsByExternalIdAreNotComparedAndNullOnlyEqualsNull() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ERP_Line_Key__c", "INV-1/1");
        line.put("Invoice__r", Map.of("ERP_Invoice_No__c", "INV-1"));
        line.put("UOM__c", null);
        line.put("Product_Code__c", "");
        ExpectedDocuments.Expected doc = new ExpectedDocuments.Expected("invoice:INV-1", "invoice", "INV-1", Map.of(),
                List.of(new CrmWrite("ERP_Invoice_Line__c", CrmWrite.UPSERT, "ERP_Line_Key__c", List.of(line))), null,
                null);
        Map<String, Object> have = new HashMap<>(crmRecord("a02000000000001", "ERP_Line_Key__c", "INV-1/1"));
        have.put("uom__c", null); // field names are case-insensitive in Salesforce
        have.put("Product_Code__c", null);

        DocumentComparison.Result r = DocumentComparison.compare(List.of(doc), Map.of(), Map.of(LINE,
                Map.of("INV-1/1", have)));

        assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.differences()).containsExactly(
                new Finding.ColumnDifference("ERP_Invoice_Line__c[INV-1/1].Product_Code__c", null, "")));
        assertThat(DocumentComparison.fields(List.of(doc)).get(LINE))
                .containsExactly("ERP_Line_Key__c", "UOM__c", "Product_Code__c");
    }

    private static ExpectedDocuments.Expected invoice(String no, String status, String total,
                                                      Map<String, Object>... lines) {
        Map<String, Object> header = new LinkedHashMap<>(Map.of("ERP_Invoice_No__c", no, "Status__c", status,
                "Total_Amount__c", new BigDecimal(total)));
        return new ExpectedDocuments.Expected("invoice:" + no, "invoice", no, Map.of(), List.of(
                new CrmWrite("ERP_Invoice__c", CrmWrite.UPSERT, "ERP_Invoice_No__c", List.of(header)),
                new CrmWrite("ERP_Invoice_Line__c", CrmWrite.UPSERT, "ERP_Line_Key__c", List.of(lines))), null, null);
    }

    private static Map<String, Object> line(String key, String quantity) {
        return Map.of("ERP_Line_Key__c", key, "Quantity__c", new BigDecimal(quantity),
                "Invoice__r", Map.of("ERP_Invoice_No__c", key.substring(0, key.indexOf('/'))));
    }

    private static ExpectedDocuments.Expected refused(String no) {
        return new ExpectedDocuments.Expected("invoice:" + no, "invoice", no, Map.of(), null, "CUSTOMER_NOT_LINKED",
                "ERP customer 42 is not linked to a CRM account");
    }

    private static Map<String, Object> crmRecord(String id, Object... fields) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Id", id);
        for (int i = 0; i < fields.length; i += 2) {
            r.put((String) fields[i], fields[i + 1]);
        }
        return r;
    }

    private static DeadLetter letter(String sourceId) {
        return DeadLetter.failure("order-invoice-history", "link", sourceId, "v1", "CUSTOMER_NOT_LINKED", "waiting", "{}");
    }
}
