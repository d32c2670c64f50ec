package io.cebridge.connector.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.connector.crm.RecordProblem;
import io.cebridge.error.RetriableException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryPageReaderTest {
    private static String page(String... records) {
        return "{\"totalSize\":" + records.length + ",\"done\":true,\"records\":[" + String.join(",", records) + "]}";
    }

    private static String account(String idJson, String more) {
        return "{\"attributes\":{\"type\":\"Account\"},\"Id\":" + idJson + ",\"Name\":\"Acme\"" + more
                + ",\"SystemModstamp\":\"2026-11-23T10:15:01.000+0000\"}";
    }

    @Test
    void aDuplicateFieldMarksItsRecordAndKeepsItsTextTheOthersAreRead() {
        String twice = account("\"001000000000002AAA\"", ",\"Name\":\"Evil Corp\"");
        QueryPage p = QueryPageReader.read(page(account("\"001000000000001AAA\"", ""), twice,
                account("\"001000000000003\"", "")));
        assertThat(p.records()).hasSize(3);
        assertThat(RecordProblem.of(p.records().get(0))).isNull();
        assertThat(p.records().get(0)).doesNotContainKey("attributes").containsEntry("Name", "Acme");
        RecordProblem dup = RecordProblem.of(p.records().get(1));
        assertThat(dup.code()).isEqualTo("DUPLICATE_FIELD");
        assertThat(dup.reason()).contains("Duplicate field 'Name'");
        assertThat(dup.original()).isEqualTo(twice);
        assertThat(p.records().get(1)).containsEntry("Id", "001000000000002AAA");
        assertThat(RecordProblem.of(p.records().get(2))).as("a 15-character id is an id").isNull();
    }

    @Test
    void anIdThatIsNoSalesforceIdIsNeverUsedAsOne() {
        for (String bad : List.of("\"001'; DROP TABLE x;--\"", "\"../../etc/passwd\"", "\"001000000000001AAA\\r\\nINFO forged\"",
                "\"001000000000001AA\"", "12345", "null", "\"001000000000001AAA \"")) {
            Map<String, Object> r = QueryPageReader.read(page(account(bad, ""))).records().get(0);
            RecordProblem problem = RecordProblem.of(r);
            assertThat(problem).as(bad).isNotNull();
            assertThat(problem.code()).isEqualTo("INVALID_ID");
            assertThat((String) r.get("Id")).as(bad).matches("invalid-id:[0-9a-f]{24}");
            assertThat(problem.reason()).doesNotContain("\r").doesNotContain("\n").contains("is not a Salesforce record id");
        }
        assertThat(RecordProblem.of(QueryPageReader.read(page(account("\"../../etc/passwd\"", ""))).records().get(0)).reason())
                .contains("\"../../etc/passwd\"");
    }

    @Test
    void anAnswerBeyondJacksonsLimitsFailsThePageNamingTheLimitWithoutRetry() {
        String deep = "{\"totalSize\":1,\"done\":true,\"records\":[" + account("\"001000000000001AAA\"",
                ",\"Deep\":" + "[".repeat(10_000) + "]".repeat(10_000)) + "]}";
        assertThatThrownBy(() -> QueryPageReader.read(deep)).isInstanceOf(CrmAnswerException.class)
                .hasMessageContaining("StreamReadConstraints.getMaxNestingDepth()").hasMessageContaining("nesting depth 1000");
        String huge = page(account("\"001000000000001AAA\"", ",\"Description\":\"" + "x".repeat(50_000_000) + "\""));
        assertThatThrownBy(() -> QueryPageReader.read(huge)).isInstanceOf(CrmAnswerException.class)
                .hasMessageContaining("StreamReadConstraints.getMaxStringLength()");
        assertThatThrownBy(() -> QueryPageReader.read("\uFEFF" + page(account("\"001000000000001AAA\"", ""))))
                .isInstanceOf(CrmAnswerException.class).hasMessageContaining("byte order mark");
    }

    @Test
    void aCutOffAnswerIsRetriable() {
        assertThatThrownBy(() -> QueryPageReader.read("{\"totalSize\":9,\"done\":false,\"records\":[{\"attributes\":"))
                .isInstanceOf(RetriableException.class);
        assertThatThrownBy(() -> QueryPageReader.read("{\"totalSize\":0,\"done\":true}")).isInstanceOf(RetriableException.class)
                .hasMessageContaining("without a records list");
    }

    @Test
    void bytesThatAreNotUtf8MarkOnlyTheRecordHoldingThem() {
        byte[] clean = page(account("\"001000000000001AAA\"", "")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String text = page(account("\"001000000000001AAA\"", ""), account("\"001000000000002AAA\"", ",\"City\":\"Caf@\""),
                account("\"001000000000003AAA\"", ",\"City\":\"北京\""));
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = text.indexOf("Caf@") + 3;
        bytes[new String(text.substring(0, at)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length] = (byte) 0xC3;

        Utf8Body body = Utf8Body.decode(bytes);
        assertThat(body.invalidAt()).containsExactly(at);
        assertThat(Utf8Body.decode(clean).invalidAt()).isEmpty();
        List<Map<String, Object>> records = QueryPageReader.read(body).records();
        assertThat(records).hasSize(3);
        assertThat(RecordProblem.of(records.get(0))).isNull();
        RecordProblem bad = RecordProblem.of(records.get(1));
        assertThat(bad.code()).isEqualTo("INVALID_ENCODING");
        assertThat(bad.reason()).contains("not UTF-8");
        assertThat(records.get(1)).containsEntry("Id", "001000000000002AAA");
        assertThat(RecordProblem.of(records.get(2))).isNull();
        assertThat(records.get(2)).containsEntry("City", "北京");
    }

    @Test
    void aNumberWhoseExponentNoDecimalHoldsMarksOnlyItsRecord() {
        QueryPage p = QueryPageReader.read(page(account("\"001000000000001AAA\"", ",\"Score\":1e2147483648"),
                account("\"001000000000002AAA\"", "")));
        RecordProblem bad = RecordProblem.of(p.records().get(0));
        assertThat(bad.code()).isEqualTo("UNREPRESENTABLE_NUMBER");
        assertThat(bad.reason()).startsWith("Score: ").contains("Exponent overflow");
        assertThat(p.records().get(0)).containsEntry("Id", "001000000000001AAA");
        assertThat(RecordProblem.of(p.records().get(1))).isNull();
    }

    @Test
    void aStoredRecordIsCheckedAgainBeforeItsIdIsTaken() {
        Map<String, Object> stored = new java.util.LinkedHashMap<>(Map.of("Id", "../x\r\n", "Name", "Acme"));
        Map<String, Object> marked = SalesforceIdFormat.marked(stored, "{\"Id\":\"../x\\r\\n\"}");
        assertThat(marked.get("Id")).isEqualTo(SalesforceIdFormat.standIn("../x\r\n"));
        assertThat(RecordProblem.of(marked).code()).isEqualTo("INVALID_ID");
        Map<String, Object> fine = new java.util.LinkedHashMap<>(Map.of("Id", "001000000000001AAA"));
        assertThat(SalesforceIdFormat.marked(fine, "{}")).isEqualTo(Map.of("Id", "001000000000001AAA"));
    }
}
