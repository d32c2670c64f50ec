package io.cebridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcileReportTest {
    private static ReconcileReport report(Finding... findings) {
        return new ReconcileReport("expenses", "Expense__c", "erp_expense_claim", 3, 2, 1, 0, List.of(findings));
    }

    @Test
    void knownDeadLettersAndSharedRowsAloneAreAgreement() {
        assertThat(report(Finding.of(Finding.Kind.DEAD_LETTERED, "a0B1", null, "dead letter 1 X (OPEN, stage ingest)"),
                Finding.of(Finding.Kind.SHARED, "a0B2", "7", "linked")).agrees()).isTrue();
        assertThat(report(Finding.of(Finding.Kind.ONLY_IN_ERP, "a0B3", "8", "gone")).agrees()).isFalse();
        assertThat(report(Finding.of(Finding.Kind.REFUSED, "a0B4", null, "refused")).agrees()).isFalse();
    }

    @Test
    void textHasOneLinePerDifferenceAndJsonKeepsExactDecimals() throws Exception {
        ReconcileReport r = report(new Finding(Finding.Kind.DIFFERENT, "a0B1", "CL-1", "", List.of(
                new Finding.ColumnDifference("amount", new BigDecimal("1234.50"), new BigDecimal("1234.05")),
                new Finding.ColumnDifference("currency", "CNY", null))));
        assertThat(r.toText()).contains("only in CRM 0, only in ERP 0, different 1")
                .contains("DIFFERENT     a0B1               CL-1     amount: CRM 1234.50, ERP 1234.05; currency: CRM \"CNY\", ERP null")
                .endsWith("1 disagreement(s)\n");
        String json = r.toJson();
        assertThat(json).contains("\"crm\":1234.50,\"erp\":1234.05").contains("\"crm\":\"CNY\",\"erp\":null")
                .contains("\"agrees\":false");
        assertThat(io.cebridge.json.Json.readMap(json).get("counts")).asString().contains("DIFFERENT=1");
    }
}
