package io.cebridge.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.connector.crm.CrmPageSource;
import io.cebridge.connector.crm.salesforce.SalesforcePoller;
import io.cebridge.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/** Hands the recorded CRM records to the ingest route as one page, the way the Salesforce poller would. */
final class RecordedSource implements CrmPageSource {
    private final JsonNode input;

    RecordedSource(JsonNode input) {
        this.input = input;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readPage(Exchange exchange) {
        List<Map<String, Object>> page = new ArrayList<>();
        for (JsonNode n : input) {
            Map<String, Object> r = new LinkedHashMap<>(Json.MAPPER.convertValue(n, Map.class));
            r.remove("attributes");
            Object stamp = r.get("SystemModstamp");
            if (stamp != null) {
                r.put("SystemModstamp", SalesforcePoller.normaliseStamp(stamp.toString()));
            }
            page.add(r);
        }
        exchange.setProperty(SalesforcePoller.MORE_PAGES, false);
        exchange.getMessage().setBody(page);
    }

    @Override
    public void commitPage(Exchange exchange) {
        // a replay has no watermark to move
    }
}
