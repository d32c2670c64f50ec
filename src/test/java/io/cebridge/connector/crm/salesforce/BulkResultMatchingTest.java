package io.cebridge.connector.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BulkResultMatchingTest {
    private static final String A = "001000000000001AAA";
    private static final String B = "001000000000002AAA";
    private static final String C = "001000000000003AAA";
    private static final String D = "001000000000004AAA";

    @Test
    void eachResultListIsMatchedByItsIdColumnWhateverItsOrder() throws Exception {
        Set<String> sent = new LinkedHashSet<>(List.of(A, B, C, D));
        String successful = "sf__Id,sf__Created,Id,ERP_Customer_No__c\n" + C + ",false," + C + ",C3\n" + A + ",false," + A
                + ",C1\n";
        // failed rows come first in their list and in another order than sent; the error text has commas and quotes
        String failed = "sf__Id,sf__Error,Id,ERP_Customer_No__c\n" + D + ",\"FIELD_CUSTOM_VALIDATION_EXCEPTION:no, \"\"never\"\":--\","
                + D + ",C4\n";
        String unprocessed = "Id,ERP_Customer_No__c\n" + B + ",C2\n";

        BulkIngestJob.Outcome out = BulkIngestJob.outcome(job("Failed", 3, 1), sent, "Id", () -> successful,
                () -> failed, () -> unprocessed);

        assertThat(out.written()).containsExactlyInAnyOrder(A, C);
        assertThat(out.refused()).containsOnly(Map.entry(D, "FIELD_CUSTOM_VALIDATION_EXCEPTION:no, \"never\":--"));
        assertThat(out.unprocessed()).containsExactly(B);
    }

    @Test
    void aRecordInNoListIsSentAgainNotTakenAsWritten() throws Exception {
        Set<String> sent = new LinkedHashSet<>(List.of(A, B));
        // the job info counts one processed record of two: the lists are read, and the one in none is not written
        BulkIngestJob.Outcome out = BulkIngestJob.outcome(job("JobComplete", 1, 0), sent, "Id",
                () -> "sf__Id,sf__Created,Id,ERP_Customer_No__c\n" + A + ",false," + A + ",C1\n",
                () -> { throw new AssertionError("no failures: not asked for"); },
                () -> "Id,ERP_Customer_No__c\n");

        assertThat(out.written()).containsExactly(A);
        assertThat(out.refused()).isEmpty();
        assertThat(out.unprocessed()).containsExactly(B);
    }

    @Test
    void aJobWhoseCountsCoverEveryRecordNeedsNoSuccessfulResultsList() throws Exception {
        Set<String> sent = new LinkedHashSet<>(List.of(A, B, C));
        BulkIngestJob.Outcome out = BulkIngestJob.outcome(job("JobComplete", 3, 1), sent, "Id",
                () -> { throw new AssertionError("the counts tell: the successful list is not asked for"); },
                () -> "sf__Id,sf__Error,Id\n" + B + ",INVALID_CROSS_REFERENCE_KEY:invalid cross reference id," + B + "\n",
                () -> { throw new AssertionError("every record was processed"); });

        assertThat(out.written()).containsExactly(A, C);
        assertThat(out.refused()).containsOnlyKeys(B);
        assertThat(out.unprocessed()).isEmpty();
    }

    @Test
    void aFailureTheFailedListDoesNotNameMakesTheSuccessfulListBeRead() throws Exception {
        Set<String> sent = new LinkedHashSet<>(List.of(A, B));
        BulkIngestJob.Outcome out = BulkIngestJob.outcome(job("JobComplete", 2, 1), sent, "Id",
                () -> "sf__Id,sf__Created,Id\n" + A + ",false," + A + "\n",
                () -> "sf__Id,sf__Error,Id\n",
                () -> "Id\n");

        assertThat(out.written()).containsExactly(A);
        assertThat(out.unprocessed()).as("named in no list: sent again").containsExactly(B);
    }

    @Test
    void aLargeIngestJobIsLookedAtLessOftenThanASmallOne() {
        assertThat(BulkJobs.longestWaitFor(2_000)).isEqualTo(10_000);
        assertThat(BulkJobs.longestWaitFor(250_000)).isEqualTo(50_000);
        assertThat(BulkJobs.longestWaitFor(5_000_000)).isEqualTo(60_000);
        assertThat(BulkJobs.firstWaitFor(40)).isEqualTo(250);
        assertThat(BulkJobs.firstWaitFor(250_000)).isEqualTo(5_000);
    }

    @Test
    void anEighteenCharacterIdInTheResultsMatchesTheFifteenSent() throws Exception {
        String fifteen = A.substring(0, 15);
        BulkIngestJob.Outcome out = BulkIngestJob.outcome(job("JobComplete", 1, 0), Set.of(fifteen), "Id",
                () -> "sf__Id,sf__Created,Id\n" + A + ",false," + A + "\n", () -> "", () -> "");

        assertThat(out.written()).containsExactly(fifteen);
    }

    @Test
    void aJobThatFailedBeforeProcessingAnythingRefusesEveryRecordWithItsReason() throws Exception {
        JsonNode failedJob = SObjectCollections.JSON.readTree("{\"state\":\"Failed\",\"numberRecordsProcessed\":0,"
                + "\"numberRecordsFailed\":0,\"errorMessage\":\"InvalidBatch : Field name not found : Nope__c\"}");
        BulkIngestJob.Outcome out = BulkIngestJob.outcome(failedJob, new LinkedHashSet<>(List.of(A, B)), "Id",
                () -> { throw new AssertionError(); }, () -> { throw new AssertionError(); },
                () -> { throw new AssertionError(); });

        assertThat(out.refused()).containsOnlyKeys(A, B).containsValue("InvalidBatch : Field name not found : Nope__c");
        assertThat(out.jobError()).contains("Field name not found");
    }

    @Test
    void csvIsWrittenWithAHeaderLineAndLfAndReadBackUnchanged() {
        String csv = BulkCsv.write(List.of("Id", "Name"), List.of(Map.of("Id", A, "Name", "Acme, \"Ltd\"\n北京")));
        assertThat(csv).startsWith("Id,Name\n").doesNotContain("\r\n");
        assertThat(BulkCsv.read(csv)).containsExactly(Map.of("Id", A, "Name", "Acme, \"Ltd\"\n北京"));
    }

    @Test
    void aResultThatIsNotCsvFailsItsCycleNamingIt() {
        assertThatThrownBy(() -> BulkCsv.read("Id,Name\n\"unclosed,1\n")).isInstanceOf(CrmAnswerException.class)
                .hasMessageContaining("not CSV");
    }

    @Test
    void aResultSetIsReadASliceAtATimeAndABadRowFailsWhenReached() {
        String csv = "Id,Name\n" + A + ",One\n" + B + ",Two\n" + C + ",Three\n\"unclosed,4\n";
        BulkQueryJob.ResultSet set = new BulkQueryJob.ResultSet(BulkCsv.rows(csv), Map.of(), null);
        assertThat(set.next(2)).extracting(r -> r.get("Name")).containsExactly("One", "Two");
        assertThat(set.next(1)).extracting(r -> r.get("Name")).containsExactly("Three");
        assertThatThrownBy(() -> set.next(2)).isInstanceOf(CrmAnswerException.class).hasMessageContaining("not CSV");
        BulkQueryJob.ResultSet empty = new BulkQueryJob.ResultSet(BulkCsv.rows(""), Map.of(), null);
        assertThat(empty.hasMore()).isFalse();
        assertThat(empty.next(2)).isEmpty();
    }

    @Test
    void bulkValuesAreTypedAsTheRestQueryTypesThem() {
        Map<String, Object> row = BulkQueryJob.typed(Map.of("Id", A, "AnnualRevenue", "12345.60",
                "IsPartner", "true", "Fax", ""), Map.of("AnnualRevenue", "currency", "IsPartner", "boolean"));
        assertThat(row).containsEntry("AnnualRevenue", new java.math.BigDecimal("12345.60"))
                .containsEntry("IsPartner", true).containsEntry("Fax", null).containsEntry("Id", A);
    }

    private static JsonNode job(String state, int processed, int failed) throws Exception {
        return SObjectCollections.JSON.readTree("{\"state\":\"" + state + "\",\"numberRecordsProcessed\":" + processed
                + ",\"numberRecordsFailed\":" + failed + "}");
    }
}
