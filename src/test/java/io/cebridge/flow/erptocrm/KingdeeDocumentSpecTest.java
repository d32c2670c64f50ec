package io.cebridge.flow.erptocrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.connector.erp.kingdee.KingdeeChangeForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kingdee twins as shipped: organisation fields on every form read, financial-summary's aggregate and refresh. */
class KingdeeDocumentSpecTest {
    private static final Path MAPPINGS = Path.of("mappings");

    // Guards: a shipped twin that cannot start with org-number set (a form without its organisation field).
    @Test
    void everyShippedTwinNamesTheOrganisationFieldOfEachFormItReads() {
        for (String twin : List.of("financial-summary/documents.kingdee.yaml",
                "order-invoice-history/documents.kingdee.yaml", "product-catalog/documents.kingdee.yaml")) {
            KingdeeDocumentSpec.Declared d = KingdeeDocumentSpec.load(MAPPINGS, twin, null, "100", Clock.systemUTC());
            assertThat(d.forms()).as(twin).allSatisfy(f -> assertThat(f.orgField()).as(twin + " " + f.form()).isNotBlank());
        }
    }

    // Guards: financial-summary over Kingdee not woken by receivables or orders, or never aged again.
    @Test
    void financialSummaryPollsCustomersReceivablesAndOrdersAndRefreshesDaily() {
        KingdeeDocumentSpec.Declared d = KingdeeDocumentSpec.load(MAPPINGS, "financial-summary/documents.kingdee.yaml",
                null, "", Clock.systemUTC());
        assertThat(d.forms()).extracting(KingdeeChangeForm::form, KingdeeChangeForm::namesField, KingdeeChangeForm::orgField)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("BD_Customer", "FNumber", "FUseOrgId.FNumber"),
                        org.assertj.core.groups.Tuple.tuple("AR_receivable", "FCUSTOMERID.FNumber", "FSETTLEORGID.FNumber"),
                        org.assertj.core.groups.Tuple.tuple("SAL_SaleOrder", "FCustId.FNumber", "FSaleOrgId.FNumber"));
        assertThat(d.documents()).extracting(DocumentType::name, DocumentType::mapping)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("customer",
                        "financial-summary/summary-to-salesforce-account.jsonata"));
        assertThat(d.dailyRefresh()).isEqualTo("customer");
    }

    // Guards: a misspelt aggregate or refresh silently sending unsummed documents or never refreshing.
    @Test
    void anUnknownAggregateOrRefreshIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("f"));
        String doc = "documents:\n  - {name: customer, form: BD_Customer, id: FCUSTID, number: FNumber, org: FUseOrgId.FNumber,"
                + " fields: {customerNo: FNumber}, mapping: m.jsonata, aggregate: %s}\n%s";
        Files.writeString(dir.resolve("f/documents.kingdee.yaml"), String.format(doc, "sum", ""));
        assertThatThrownBy(() -> KingdeeDocumentSpec.load(dir, "f/documents.kingdee.yaml", null, "", Clock.systemUTC()))
                .hasMessageContaining("documents.kingdee.yaml: document customer: aggregate is financial-summary or absent");
        Files.writeString(dir.resolve("f/documents.kingdee.yaml"), String.format(doc, "financial-summary",
                "dailyRefresh: customers\n"));
        assertThatThrownBy(() -> KingdeeDocumentSpec.load(dir, "f/documents.kingdee.yaml", null, "", Clock.systemUTC()))
                .hasMessageContaining("dailyRefresh names 'customers', which documents does not declare");
        Files.writeString(dir.resolve("f/documents.kingdee.yaml"), String.format(doc, "financial-summary", "")
                .replace(" org: FUseOrgId.FNumber,", ""));
        assertThatThrownBy(() -> KingdeeDocumentSpec.load(dir, "f/documents.kingdee.yaml", null, "100", Clock.systemUTC()))
                .hasMessageContaining("BD_Customer names no organisation field (org:)");
    }
}
