package io.cebridge.component;

import io.cebridge.connector.crm.CrmPageSource;
import java.time.Duration;
import org.apache.camel.Component;
import org.apache.camel.Exchange;

/**
 * {@code crm:OBJECT?flow=F&fields=A,B&where=...}: reads the next page of the object's records changed since the flow's
 * watermark (ordered by SystemModstamp, Id) into the body and sets {@code bridge.morePages}; the flow's
 * {@code step:commit-page} moves the watermark once the page is on Kafka.
 */
final class CrmChangesEndpoint extends BridgeEndpoint {
    private final String sobject;
    private String fields;
    private String where = "";
    private String lookback;
    private volatile CrmPageSource source;

    CrmChangesEndpoint(String uri, Component component, String sobject) {
        super(uri, component);
        this.sobject = sobject;
    }

    public void setFields(String fields) {
        this.fields = fields;
    }

    public void setWhere(String where) {
        this.where = where;
    }

    /** How far before the watermark a poll reads again; default bridge.flows.FLOW.lookback. */
    public void setLookback(String lookback) {
        this.lookback = lookback;
    }

    @Override
    void startForFlow() throws Exception {
        java.util.List<String> f = list(fields);
        if (!f.contains("Id") || !f.contains("SystemModstamp")) {
            throw new IllegalArgumentException(getEndpointUri() + ": fields must include Id and SystemModstamp");
        }
        Duration back = lookback != null && !lookback.isBlank() ? io.cebridge.config.ConfigParsers.duration(lookback)
                : services().cfg().flowValue(getFlow(), "lookback", Duration.class);
        source = services().sources().open(getFlow(), sobject, f, where, back == null ? Duration.ofSeconds(5) : back);
        parts().source = source;
    }

    @Override
    void process(Exchange exchange) throws Exception {
        source.readPage(exchange);
        io.cebridge.flow.crmtoerp.WriteBackOutbox outbox = parts().outbox;
        if (outbox != null) {
            // the load's size decides how its write-backs travel: many at once through Bulk, or the REST path
            if (Boolean.TRUE.equals(exchange.getProperty(io.cebridge.connector.Paging.READ_IN_BULK, Boolean.class))) {
                outbox.pollReadInBulk();
            } else if (!Boolean.TRUE.equals(exchange.getProperty(io.cebridge.connector.Paging.MORE_PAGES, Boolean.class))
                    && exchange.getMessage().getBody(java.util.List.class) instanceof java.util.List<?> page
                    && page.isEmpty()) {
                outbox.pollFoundNothing();
            }
        }
    }
}
