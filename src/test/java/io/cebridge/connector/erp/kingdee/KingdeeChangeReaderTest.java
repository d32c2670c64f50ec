package io.cebridge.connector.erp.kingdee;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.Secret;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Changed documents read by (FModifyDate, FCUSTID) keyset: shared stamps, changes while reading. */
class KingdeeChangeReaderTest {
    private KingdeeStandIn kingdee;
    private KingdeeForms forms;

    @BeforeEach
    void start() throws Exception {
        kingdee = KingdeeStandIn.standard("secret", "F_CRM_ID").start(0);
        forms = new KingdeeForms(new KingdeeClient(new KingdeeSettings(kingdee.serverUrl(), kingdee.acctId(),
                kingdee.username(), kingdee.appId(), new Secret("secret"), 2052, Duration.ofSeconds(10))));
    }

    @AfterEach
    void stop() {
        kingdee.close();
    }

    private void create(int n, String prefix) {
        List<Map<String, Object>> models = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            models.add(Map.of("FName", prefix + i));
        }
        for (int from = 0; from < n; from += 500) {
            assertThat(forms.batchSave("BD_Customer", models.subList(from, Math.min(n, from + 500)), List.of()).success())
                    .isTrue();
        }
    }

    private static long id(List<Object> row) {
        return ((BigDecimal) row.get(0)).longValueExact();
    }

    // Guards: documents sharing one FModifyDate across page boundaries skipped or read twice (a bulk import in Kingdee).
    @Test
    void documentsSharingAStampAcrossPagesAreEachReadOnceInOrder() {
        kingdee.freezeModifyDate("2026-11-30T08:00:00.000");
        create(2500, "同一时间 ");
        kingdee.freezeModifyDate(null);
        create(300, "之后 ");
        KingdeeChangeReader reader = new KingdeeChangeReader(forms, "BD_Customer", "FCUSTID", "FModifyDate",
                List.of("FName", "FNumber"), 1000);
        List<Long> ids = new ArrayList<>();
        KingdeeChangeReader.Mark mark = null;
        KingdeeChangeReader.Page page;
        do {
            page = reader.after(mark);
            page.rows().forEach(r -> ids.add(id(r)));
            mark = page.last();
        } while (page.more());
        assertThat(ids).hasSize(2800).doesNotHaveDuplicates().isSorted();
        assertThat(reader.after(mark).rows()).as("caught up").isEmpty();
    }

    // Guards: a document changed while the pages are read pushing another one past a page boundary (StartRow paging).
    @Test
    void aDocumentChangedWhileReadingIsReadAgainAndNoneIsLost() {
        create(30, "客户 ");
        KingdeeChangeReader reader = new KingdeeChangeReader(forms, "BD_Customer", "FCUSTID", "FModifyDate",
                List.of("FName"), 10);
        List<Long> ids = new ArrayList<>();
        KingdeeChangeReader.Page first = reader.after(null);
        first.rows().forEach(r -> ids.add(id(r)));
        // the third document (read) and the fifteenth (not yet read) change between two pages
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("FCUSTID", ids.get(2));
        change.put("FName", "改名 2");
        forms.batchSave("BD_Customer", List.of(change, Map.of("FCUSTID", ids.get(0) + 14, "FName", "改名 14")),
                List.of("FName"));
        KingdeeChangeReader.Mark mark = first.last();
        KingdeeChangeReader.Page page;
        do {
            page = reader.after(mark);
            page.rows().forEach(r -> ids.add(id(r)));
            mark = page.last();
        } while (page.more());
        assertThat(ids).hasSize(31).containsAll(kingdee.customers().stream()
                .map(c -> ((Number) c.get("FCUSTID")).longValue()).toList());
        assertThat(ids.subList(29, 31)).as("the two changed ones, last").containsExactly(ids.get(2), ids.get(0) + 14);
    }
}
