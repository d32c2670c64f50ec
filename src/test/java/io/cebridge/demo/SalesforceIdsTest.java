package io.cebridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SalesforceIdsTest {

    @Test
    void suffixEncodesUpperCasePositions() {
        // Example id from the Salesforce composite API docs.
        assertThat(SalesforceIds.to18("001xx000003DIpc")).isEqualTo("001xx000003DIpcAAG");
        assertThat(SalesforceIds.to18("005000000000001")).isEqualTo("005000000000001AAA");
    }

    @Test
    void generatedIdsAreFixedWidthAndSortInSequenceOrder() {
        assertThat(SalesforceIds.of("001", 1)).isEqualTo("001000000000001AAA");
        assertThat(SalesforceIds.of("001", 61)).isGreaterThan(SalesforceIds.of("001", 36));
        assertThat(SalesforceIds.of("001", 62)).isGreaterThan(SalesforceIds.of("001", 61));
    }

    @Test
    void normaliseRepairsSuffixAndExpandsFifteenCharacterIds() {
        assertThat(SalesforceIds.normalise("001xx000003DIpc")).isEqualTo("001xx000003DIpcAAG");
        assertThat(SalesforceIds.normalise("001xx000003DIpcaag")).isEqualTo("001xx000003DIpcAAG");
        assertThat(SalesforceIds.isWellFormed("001-bad")).isFalse();
    }
}
