package io.cebridge.connector.erp.yonbip;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.error.RetriableException;
import io.cebridge.error.SystemFailureException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations of the customer archive (客户档案, "merchant") ce-bridge uses: save ({@code _status} Insert or
 * Update, one merchant a call) and the paged list for look-ups. A save's refusal comes back in its status for the
 * writer to dead-letter; a list YonBIP refuses stops the flow with YonBIP's message (the field or the configuration
 * is wrong, not a record).
 */
public final class YonbipForms {
    public static final String MERCHANT_SAVE = "/yonbip/digitalModel/merchant/save";
    public static final String MERCHANT_LIST = "/yonbip/digitalModel/merchant/newlist";
    /** The page size public YonBIP integrations use for list APIs. */
    public static final int PAGE = 500;
    private final YonbipClient client;

    public YonbipForms(YonbipClient client) {
        this.client = client;
    }

    public YonbipClient client() {
        return client;
    }

    /** Saves one merchant: {@code data} holds {@code _status}, {@code resubmitCheckKey} and the fields. */
    public YonbipStatus save(Map<String, Object> data) {
        return client.post(MERCHANT_SAVE, Map.of("data", data));
    }

    /**
     * Every record of {@code path} the conditions select, read page by page (pageIndex from 1) until a short page or
     * recordCount; each condition is {field, op, value1}.
     */
    public List<JsonNode> list(String path, List<Map<String, Object>> simpleVOs, int pageSize) {
        List<JsonNode> out = new ArrayList<>();
        for (int pageIndex = 1; ; pageIndex++) {
            Page page = page(path, simpleVOs, pageIndex, pageSize);
            out.addAll(page.records());
            if (page.records().size() < pageSize || (page.count() >= 0 && out.size() >= page.count())) {
                return out;
            }
        }
    }

    /** One page's records and the recordCount YonBIP gave (-1: none). */
    private record Page(List<JsonNode> records, long count) {
    }

    private Page page(String path, List<Map<String, Object>> simpleVOs, int pageIndex, int pageSize) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("pageIndex", pageIndex);
        q.put("pageSize", pageSize);
        q.put("simpleVOs", simpleVOs);
        YonbipStatus st = client.post(path, q);
        if (YonbipStatus.EMPTY_RESULT.equals(st.code())) {
            return new Page(List.of(), 0);
        }
        if (!st.success()) {
            throw new SystemFailureException("YonBIP refused the list " + path + ": " + client.clean(st.describe())
                    + "; check bridge.erp.yonbip.crm-id-field and the app's permissions", null);
        }
        JsonNode records = st.data() == null ? null : st.data().get("recordList");
        if (records == null || !records.isArray()) {
            throw new RetriableException("YonBIP " + path + " answered code 200 without data.recordList", null);
        }
        List<JsonNode> out = new ArrayList<>(records.size());
        records.forEach(out::add);
        JsonNode count = st.data().path("recordCount");
        return new Page(out, count.canConvertToLong() ? count.asLong() : -1);
    }
}
