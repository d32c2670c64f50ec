package io.cebridge.replay;

import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.connector.crm.SaveResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stands in for the CRM during a replay: keeps every write-back and answers success, as the CRM did when recorded. */
final class CapturingWriter implements CrmRecordWriter {
    private final List<Map<String, Object>> written = new ArrayList<>();

    @Override
    public synchronized List<SaveResult> update(String sobject, List<Map<String, Object>> records, boolean allOrNone) {
        List<SaveResult> out = new ArrayList<>();
        for (Map<String, Object> r : records) {
            written.add(new LinkedHashMap<>(r));
            out.add(new SaveResult(String.valueOf(r.get("Id")), true, null, null));
        }
        return out;
    }

    synchronized List<Map<String, Object>> written() {
        return List.copyOf(written);
    }
}
