package io.cebridge.connector.erp.kingdee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.config.Secret;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import io.cebridge.demo.kingdee.StandInBills;
import io.cebridge.demo.kingdee.StandInSalesDocuments;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The organisation filter of the ERP -> CRM reads: in every FilterString, on the form's own organisation field. */
class KingdeeOrgFilterTest {
    private KingdeeStandIn kingdee;
    private KingdeeForms forms;
    private StandInBills bills;

    @BeforeEach
    void start() throws Exception {
        kingdee = new KingdeeStandIn("demo", "integration", "ce-bridge_app", "secret", "F_CRM_ID", Set.of("100", "200"), 80)
                .start(0);
        forms = new KingdeeForms(new KingdeeClient(new KingdeeSettings(kingdee.serverUrl(), kingdee.acctId(),
                kingdee.username(), kingdee.appId(), new Secret("secret"), 2052, Duration.ofSeconds(10))));
        bills = kingdee.bills();
        StandInSalesDocuments.seed(bills, 6, List.of("CUST0001"), java.time.LocalDate.of(2026, 11, 2));
        // the same numbers in another organisation, as a multi-organisation data centre numbers per organisation
        for (long id : List.copyOf(bills.ids(StandInSalesDocuments.RECEIVABLES))) {
            Map<String, Object> h = new java.util.LinkedHashMap<>(bills.get(StandInSalesDocuments.RECEIVABLES, id));
            h.remove("FID");
            h.put("FSETTLEORGID", Map.of("FNumber", "200"));
            h.put("FNOTAXAMOUNTFOR", new BigDecimal("99999.99"));
            bills.add(StandInSalesDocuments.RECEIVABLES, h, List.of());
        }
    }

    @AfterEach
    void stop() {
        kingdee.close();
    }

    // Guards: the organisation clause dropped or breaking the precedence of an OR in the keyset filter.
    @Test
    void theClauseIsAndedToTheWholeFilter() {
        KingdeeOrgFilter org = new KingdeeOrgFilter("FSaleOrgId.FNumber", "100");
        assertThat(org.and("A > 1 OR (A = 1 AND B > 2)"))
                .isEqualTo("(A > 1 OR (A = 1 AND B > 2)) AND FSaleOrgId.FNumber = '100'");
        assertThat(org.and("")).isEqualTo("FSaleOrgId.FNumber = '100'");
        assertThat(new KingdeeOrgFilter("FSaleOrgId.FNumber", "O'1").and(null)).isEqualTo("FSaleOrgId.FNumber = 'O''1'");
        assertThat(KingdeeOrgFilter.NONE.and("A = 1")).isEqualTo("A = 1");
        assertThat(new KingdeeOrgFilter(null, " ").active()).isFalse();
        assertThatThrownBy(() -> new KingdeeOrgFilter(null, "100")).isInstanceOf(IllegalArgumentException.class);
    }

    private KingdeeDocumentForm invoice(String orgField) {
        return new KingdeeDocumentForm("invoice", StandInSalesDocuments.RECEIVABLES, "FID", "FModifyDate", "FBillNo",
                List.of(new KingdeeDocumentForm.Field("netAmount", List.of("FNoTaxAmountFor"),
                        KingdeeDocumentForm.Type.DECIMAL, null, null)), null, null, List.of(), List.of(), orgField);
    }

    // Guards: another organisation's receivable (same number) read in place of this organisation's one.
    @Test
    void documentsAreReadOnlyFromTheConfiguredOrganisation() {
        List<String> numbers = new ArrayList<>();
        List<BigDecimal> expected = new ArrayList<>();
        for (long id : bills.ids(StandInSalesDocuments.RECEIVABLES)) {
            Map<String, Object> h = bills.get(StandInSalesDocuments.RECEIVABLES, id);
            if ("100".equals(((Map<?, ?>) h.get("FSETTLEORGID")).get("FNumber"))) {
                numbers.add(h.get("FBILLNO").toString());
                expected.add((BigDecimal) h.get("FNOTAXAMOUNTFOR"));
            }
        }
        Map<String, Map<String, Object>> docs = new KingdeeDocumentReader(forms, invoice("FSETTLEORGID.FNumber"), "100")
                .load(numbers);
        assertThat(docs.keySet()).containsExactlyElementsOf(numbers);
        List<Object> amounts = docs.values().stream().map(d -> d.get("netAmount")).toList();
        assertThat(amounts).containsExactlyElementsOf(expected);

        // without the filter the other organisation's documents answer too (the reader keeps the oldest of a number)
        Map<String, Map<String, Object>> other = new KingdeeDocumentReader(forms, invoice("FSETTLEORGID.FNumber"), "200")
                .load(numbers);
        assertThat(other.values()).allSatisfy(d -> assertThat(d.get("netAmount")).isEqualTo(new BigDecimal("99999.99")));
    }

    // Guards: changes of another organisation naming documents (and waking their summaries) in this one's flow.
    @Test
    void changesAreReadOnlyFromTheConfiguredOrganisation() {
        KingdeeChangeReader reader = new KingdeeChangeReader(forms, StandInSalesDocuments.RECEIVABLES, "FID", "FModifyDate",
                List.of("FBillNo"), 2, new KingdeeOrgFilter("FSETTLEORGID.FNumber", "200"));
        List<Object> ids = new ArrayList<>();
        KingdeeChangeReader.Mark mark = null;
        KingdeeChangeReader.Page page;
        do {
            page = reader.after(mark);
            page.rows().forEach(r -> ids.add(((BigDecimal) r.get(0)).longValueExact()));
            mark = page.last();
        } while (page.more());
        List<Long> expected = bills.ids(StandInSalesDocuments.RECEIVABLES).stream().filter(id -> "200".equals(
                ((Map<?, ?>) bills.get(StandInSalesDocuments.RECEIVABLES, id).get("FSETTLEORGID")).get("FNumber"))).toList();
        assertThat(expected).hasSize(3);
        assertThat(ids).containsExactlyElementsOf(expected);
    }

    // Guards: a form read unfiltered (another organisation's documents in the CRM) because its file names no org field.
    @Test
    void aFormWithoutAnOrganisationFieldIsRefusedWhenAnOrganisationIsSet() {
        assertThatThrownBy(() -> new KingdeeDocumentReader(forms, invoice(null), "100"))
                .hasMessageContaining("AR_receivable names no organisation field (org:)")
                .hasMessageContaining("bridge.erp.kingdee.org-number");
        assertThat(new KingdeeDocumentReader(forms, invoice(null), "").load(List.of("AR00000001"))).hasSize(1);
        assertThatThrownBy(() -> new KingdeeChangePoller(forms, null, "f", List.of(new KingdeeChangeForm(
                StandInSalesDocuments.ORDERS, "FID", "FModifyDate", "FBillNo", "sales-order")), Duration.ZERO, 100, "100"))
                .hasMessageContaining("SAL_SaleOrder names no organisation field");
    }
}
