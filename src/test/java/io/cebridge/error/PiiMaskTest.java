package io.cebridge.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiMaskTest {
    private static final String ACCOUNT = "{\"Id\":\"0015g00000A1b2hAAA\",\"Name\":\"格式错误示例有限公司\","
            + "\"USCC__c\":\" 9133010079965505 \",\"Phone\":\"0571-88888888\",\"Email__c\":\"wang.li at alibaba\","
            + "\"LastModifiedById\":\"005000000000001AAA\"}";
    // the reason the cleanser writes for that account (recordings/customer-master/rejected-bad-uscc)
    private static final String USCC_REASON = "uscc: Unified social credit code (uscc, 统一社会信用代码) '9133010079965505'"
            + " has 16 characters, needs 18; expected 18 characters: 2 letters/digits, a 6-digit region code and 10"
            + " letters/digits without I, O, S, V, Z, e.g. 91350100M000100Y43";

    @Test
    void theRefusedUsccIsMaskedButTheReasonStillSaysWhatIsWrong() {
        String masked = PiiMask.reason(USCC_REASON, ACCOUNT);
        assertThat(masked).doesNotContain("9133010079965505").doesNotContain("133010079965")
                .contains("'91************05' has 16 characters, needs 18")
                .contains("uscc: Unified social credit code");
        // the example the reason gives is no customer's: it stays, while a valid code quoted as data is masked
        assertThat(masked).contains("e.g. 91350100M000100Y43");
        assertThat(PiiMask.reason("duplicate of 91350100M000100Y43 in the ERP", "{}"))
                .isEqualTo("duplicate of 91**************43 in the ERP");
        assertThat(PiiMask.reason("a number with '+' and country code, e.g. +86 131 2345 6789 (name@example.com)", "{}"))
                .isEqualTo("a number with '+' and country code, e.g. +86 131 2345 6789 (name@example.com)");
    }

    @Test
    void phonesAndEmailsOfTheRecordAndAnyAddressOrInternationalNumberAreMasked() {
        String reason = "phone: Phone '0571-88888888' is not valid; email: email 'wang.li at alibaba' is not an e-mail"
                + " address; contact li@alibaba-inc.com or +86 138 0013 8000";
        String masked = PiiMask.reason(reason, ACCOUNT);
        assertThat(masked).doesNotContain("88888888").doesNotContain("wang.li").doesNotContain("li@alibaba")
                .doesNotContain("0013 8000").contains("'05*********88'");
    }

    @Test
    void idsNamesAndOtherValuesAPersonNeedsStay() {
        String reason = "the ERP rejected row 0015g00000A1b2hAAA: currency 'Narnia' unknown; line 00000002; user"
                + " 005000000000001AAA";
        assertThat(PiiMask.reason(reason, ACCOUNT)).isEqualTo(reason);
    }

    @Test
    void taxIdsAreMaskedButTaxAmountsAndOtherFieldsAreNot() {
        String payload = "{\"Tax\": 1234.56, \"Tax_Amount__c\": \"99887766.00\", \"VAT_Number__c\": \"DE123456789\","
                + " \"TotalPrice\": 100.0, \"Description\": \"customer 100002\"}";
        assertThat(PiiMask.reason("tax 1234.56 of 99887766.00 for customer 100002, VAT id DE123456789", payload))
                .isEqualTo("tax 1234.56 of 99887766.00 for customer 100002, VAT id DE*******89");
    }

    @Test
    void maskingTwiceChangesNothingAndRevealGivesTheReasonBack() {
        String reason = USCC_REASON.replace(" e.g. 91350100M000100Y43", "") + "; phone '0571-88888888'";
        String masked = PiiMask.reason(reason, ACCOUNT);
        assertThat(PiiMask.reason(masked, ACCOUNT)).isEqualTo(masked);
        assertThat(PiiMask.reveal(masked, ACCOUNT)).isEqualTo(reason);
    }

    @Test
    void fullWidthAndLowerCaseInputIsFoundInItsNormalisedForm() {
        String payload = "{\"uscc\":\"９１３３０１００７９９６５５０５\"}";
        assertThat(PiiMask.reason("uscc '9133010079965505' has 16 characters", payload))
                .isEqualTo("uscc '91************05' has 16 characters");
        assertThat(PiiMask.reason("anything", "not json")).isEqualTo("anything");
        assertThat(PiiMask.mask("1234567")).isEqualTo("*******");
    }
}
