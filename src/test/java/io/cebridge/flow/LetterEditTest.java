package io.cebridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.json.Json;
import io.cebridge.store.DeadLetter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `dlq edit` changes only the fields named, keeps their JSON types, refuses what would change the record's identity. */
class LetterEditTest {
    private static final String RECORD = "{\"Id\":\"0015g00000A1b2hAAA\",\"SystemModstamp\":\"2026-11-30T08:00:00.000Z\","
            + "\"Name\":\"格式错误示例有限公司\",\"USCC__c\":\"9133010079965505\",\"NumberOfEmployees\":12,"
            + "\"Amount\":1E+999999999,\"lines\":[{\"qty\":2,\"sku\":\"S10_1678\"}],\"Active\":true}";

    private static DeadLetter letter(String payload) {
        return new DeadLetter(5, "customer-master", "ingest", "0015g00000A1b2hAAA", "2026-11-30T08:00:00.000Z",
                "USCC_FORMAT", "uscc ...", payload, 1, DeadLetter.OPEN, null, null, null, null, null);
    }

    @Test
    void setsTheNamedFieldsKeepingTypesAndEverythingElse() throws Exception {
        LetterEdit.Result r = LetterEdit.apply(letter(RECORD), List.of("USCC__c=91310115591693856A",
                "NumberOfEmployees=13", "lines.0.qty=3", "Active=false"), false);
        Map<String, Object> after = Json.readMap(r.payload());
        assertThat(after).containsEntry("USCC__c", "91310115591693856A").containsEntry("Active", false)
                .containsEntry("Name", "格式错误示例有限公司").containsEntry("Id", "0015g00000A1b2hAAA");
        assertThat(((Number) after.get("NumberOfEmployees")).intValue()).isEqualTo(13);
        assertThat(r.payload()).contains("\"qty\":3").contains("1E+999999999"); // untouched numbers as read
        // identifiers are masked in what is audited, as in reasons
        assertThat(r.changes().get(0)).isEqualTo(new LetterEdit.Change("USCC__c", "91************05",
                "91**************6A"));
        assertThat(r.changes().get(1)).isEqualTo(new LetterEdit.Change("NumberOfEmployees", "12", "13"));
    }

    @Test
    void refusesWhatItCannotApplyAndNamesIt() {
        assertThatThrownBy(() -> LetterEdit.apply(letter(RECORD), List.of("Id=0015g00000ZZZZZAAA"), false))
                .hasMessageContaining("Id says which record this is");
        assertThatThrownBy(() -> LetterEdit.apply(letter(RECORD), List.of("USCC_c=x"), false))
                .hasMessageContaining("no field USCC_c").hasMessageContaining("USCC__c").hasMessageContaining("--allow-new-fields");
        assertThatThrownBy(() -> LetterEdit.apply(letter(RECORD), List.of("NumberOfEmployees=twelve"), false))
                .hasMessageContaining("holds a number");
        assertThatThrownBy(() -> LetterEdit.apply(letter(RECORD), List.of("lines=[]"), false))
                .hasMessageContaining("a whole array");
        assertThatThrownBy(() -> LetterEdit.apply(letter(RECORD), List.of("lines.5.qty=1"), false))
                .hasMessageContaining("no object or list at lines.5");
        assertThatThrownBy(() -> LetterEdit.apply(letter(RECORD), List.of("Name"), false))
                .hasMessageContaining("expected FIELD=VALUE");
        assertThatThrownBy(() -> LetterEdit.apply(letter(RECORD), List.of("NumberOfEmployees=12"), false))
                .hasMessageContaining("nothing changes");
        assertThatThrownBy(() -> LetterEdit.apply(letter("not json"), List.of("Name=x"), false))
                .hasMessageContaining("holds no JSON record");
    }

    @Test
    void addsAFieldOnlyWhenAskedTo() throws Exception {
        LetterEdit.Result r = LetterEdit.apply(letter(RECORD), List.of("Phone=0571-88888888"), true);
        assertThat(Json.readMap(r.payload())).containsEntry("Phone", "0571-88888888");
        assertThat(r.changes()).containsExactly(new LetterEdit.Change("Phone", null, "05*********88"));
    }
}
