package io.cebridge.connector.erp.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.error.RetriableException;
import io.cebridge.error.SystemFailureException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The form operations of {@code DynamicFormService} ce-bridge uses: BatchSave, Submit, Audit and ExecuteBillQuery.
 * Refusals of a whole call are classified here once: MsgCode 14 (call limit) is retriable, 2 / 7 / 15 (no
 * permission, licence, administrator) stop the flow; per-record refusals come back in the status, by DIndex.
 */
public final class KingdeeForms {
    /** Kingdee documents Limit up to 10000; pages of 2000 are what production integrations use. */
    public static final int MAX_PAGE = 2000;
    private final KingdeeClient client;

    public KingdeeForms(KingdeeClient client) {
        this.client = client;
    }

    public KingdeeClient client() {
        return client;
    }

    /**
     * BatchSave of whole models (each model's fate in the status by DIndex). {@code updateFields}: for updates of
     * documents named by their internal id, the fields written (NeedUpDateFields); entries not sent are kept
     * (IsDeleteEntry false), so a partial model never deletes lines.
     */
    public KingdeeStatus batchSave(String formId, List<Map<String, Object>> models, List<String> updateFields) {
        return batchSave(formId, models, updateFields, false);
    }

    /**
     * BatchSave as above; {@code deleteEntries} (IsDeleteEntry): the entry lines an update does not send are deleted,
     * so a whole document sent replaces its lines (Kingdee's default, set on purpose here).
     */
    public KingdeeStatus batchSave(String formId, List<Map<String, Object>> models, List<String> updateFields,
                                   boolean deleteEntries) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("NeedUpDateFields", updateFields);
        data.put("NeedReturnFields", List.of());
        data.put("IsDeleteEntry", deleteEntries);
        data.put("ValidateFlag", true);
        data.put("NumberSearch", true);
        data.put("Model", models);
        return status("BatchSave", client.form("BatchSave", Map.of("formid", formId, "data", data)));
    }

    /** Submit of documents by number. */
    public KingdeeStatus submit(String formId, List<String> numbers) {
        return status("Submit", client.form("Submit", Map.of("formid", formId, "data", Map.of("Numbers", numbers))));
    }

    /** Audit of documents by number. */
    public KingdeeStatus audit(String formId, List<String> numbers) {
        return status("Audit", client.form("Audit", Map.of("formid", formId, "data", Map.of("Numbers", numbers))));
    }

    /**
     * ExecuteBillQuery read to the end: pages of {@code pageSize} rows (StartRow += Limit) until a page holds fewer;
     * each row's values in {@code fieldKeys} order. A query Kingdee refuses (a field that does not exist) stops the flow
     * with Kingdee's message: it is the mapping or the configuration that is wrong, not a record.
     */
    public List<List<Object>> query(String formId, List<String> fieldKeys, String filter, String order, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE) {
            throw new IllegalArgumentException("page size " + pageSize + " is not within 1.." + MAX_PAGE);
        }
        List<List<Object>> out = new ArrayList<>();
        for (int start = 0; ; start += pageSize) {
            List<List<Object>> page = page(formId, fieldKeys, filter, order, start, pageSize);
            out.addAll(page);
            if (page.size() < pageSize) {
                return out;
            }
        }
    }

    /** One ExecuteBillQuery page: at most {@code limit} rows from row {@code start}, each in {@code fieldKeys} order. */
    public List<List<Object>> page(String formId, List<String> fieldKeys, String filter, String order, int start,
                                   int limit) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("FormId", formId);
        q.put("FieldKeys", String.join(",", fieldKeys));
        q.put("FilterString", filter == null ? "" : filter);
        q.put("OrderString", order == null ? "" : order);
        q.put("TopRowCount", 0);
        q.put("StartRow", start);
        q.put("Limit", limit);
        q.put("SubSystemId", "");
        return rows(formId, fieldKeys.size(), client.form("ExecuteBillQuery", Map.of("data", q)));
    }

    private static List<List<Object>> rows(String formId, int width, JsonNode answer) {
        JsonNode envelope = KingdeeClient.envelope(answer);
        if (envelope != null) {
            KingdeeStatus st = KingdeeStatus.of(envelope);
            if (st != null) {
                classify("ExecuteBillQuery", st);
                throw new SystemFailureException("Kingdee refused the query of " + formId + ": " + st.messages(), null);
            }
        }
        if (answer == null || !answer.isArray()) {
            throw new RetriableException("Kingdee ExecuteBillQuery of " + formId + " answered a "
                    + (answer == null ? "nothing" : answer.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                    + " instead of the array of rows", null);
        }
        List<List<Object>> out = new ArrayList<>(answer.size());
        for (int i = 0; i < answer.size(); i++) {
            JsonNode row = answer.get(i);
            if (!row.isArray() || row.size() != width) {
                throw new RetriableException("Kingdee ExecuteBillQuery of " + formId + ": row " + i + " has "
                        + (row.isArray() ? row.size() + " values" : "no array") + ", FieldKeys names " + width, null);
            }
            List<Object> values = new ArrayList<>(width);
            row.forEach(v -> values.add(v.isNull() ? null : v.isNumber() ? v.decimalValue() : v.isTextual() ? v.textValue()
                    : v.toString()));
            out.add(values);
        }
        return out;
    }

    private static KingdeeStatus status(String method, JsonNode answer) {
        KingdeeStatus st = KingdeeStatus.of(answer);
        if (st == null) {
            throw new RetriableException("Kingdee " + method + " answered without Result.ResponseStatus", null);
        }
        classify(method, st);
        return st;
    }

    /** Throws for a refusal of the whole call that no record caused. */
    private static void classify(String method, KingdeeStatus st) {
        if (st.success()) {
            return;
        }
        switch (st.msgCode()) {
            case KingdeeStatus.CALL_LIMIT -> throw new RetriableException("Kingdee " + method + " refused: call limit"
                    + " reached (MsgCode 14): " + st.messages(), null);
            case 2, 7, 15 -> throw new SystemFailureException("Kingdee " + method + " refused the integration user (MsgCode "
                    + st.msgCode() + "): " + st.messages() + "; check the user's permissions and licence in Kingdee", null);
            case KingdeeStatus.SESSION_LOST -> throw new RetriableException("Kingdee " + method + ": session lost", null);
            default -> { }
        }
    }
}
