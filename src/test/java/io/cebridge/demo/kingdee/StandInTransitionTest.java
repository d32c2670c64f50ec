package io.cebridge.demo.kingdee;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The stand-in's Submit / Audit rule, shared by customers, contacts and sales orders, in Kingdee's own words. */
class StandInTransitionTest {
    private static final String DOC = "编码为“CUST0001”的客户";

    @Test
    void submitTakesCreatedOrReopenedDocumentsAndAuditOnlySubmittedOnes() {
        assertThat(StandInForms.Documents.refusedTransition(DOC, "A", false)).isNull();
        assertThat(StandInForms.Documents.refusedTransition(DOC, "D", false)).isNull();
        assertThat(StandInForms.Documents.refusedTransition(DOC, "B", true)).isNull();
        assertThat(StandInForms.Documents.refusedTransition(DOC, "A", true)).isEqualTo(DOC + "，单据未提交，不能审核");
        assertThat(StandInForms.Documents.refusedTransition(DOC, "B", false)).isEqualTo(DOC + "，单据已提交，不能重复提交");
        assertThat(StandInForms.Documents.refusedTransition(DOC, "C", false)).isEqualTo(DOC + "，单据已经审核！");
        assertThat(StandInForms.Documents.refusedTransition(DOC, "C", true)).isEqualTo(DOC + "，单据已经审核！");
    }
}
