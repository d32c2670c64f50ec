package io.cebridge.flow.crmtoerp;

import java.util.List;
import java.util.Map;

/** One CRM record on its way through a flow's ingest or delivery batch, with what happened to it so far. */
public final class FlowRecord {
    public enum Outcome { PENDING, CREATED, UPDATED, CLAIMED, LINKED, UNCHANGED, STALE, WAITING, FAILED }

    final String sourceId;
    final String sourceVersion;
    /** Ingest: the CRM record as read (what an ingest dead letter keeps); null in delivery. */
    final Map<String, Object> raw;
    /** The canonical record: the inbound mapping's output at ingest, the Kafka event in delivery. */
    Map<String, Object> event;
    /** The event as read from Kafka, when the consumer handed over its UTF-8 bytes; decoded only when text is needed. */
    private final byte[] eventUtf8;
    private String eventJson;
    Map<String, Object> erpRow;
    Outcome outcome = Outcome.PENDING;
    String erpNo;
    /** The ERP's internal id of the record's document (Kingdee's FID), when its ERP connector gives one. */
    String erpId;
    /** The ERP row this record matched before it was written (own, claimed or linked), for recordings. */
    Map<String, Object> erpBefore;
    /** The mapping that made {@link #erpRow}, for the audit; null without one. */
    io.cebridge.mapping.CompiledMapping mapping;
    /** Delivery: when the poller handed this version on (its Kafka record's time), for the audit's READ row. */
    java.time.Instant readAt;

    FlowRecord(String sourceId, String sourceVersion, Map<String, Object> event, String eventJson) {
        this(sourceId, sourceVersion, null, event, eventJson);
    }

    /** Delivery: the event as Kafka's UTF-8 bytes, which most records never need as text. */
    FlowRecord(String sourceId, String sourceVersion, Map<String, Object> event, byte[] eventUtf8) {
        this.sourceId = sourceId;
        this.sourceVersion = sourceVersion;
        this.raw = null;
        this.event = event;
        this.eventUtf8 = eventUtf8;
    }

    FlowRecord(String sourceId, String sourceVersion, Map<String, Object> raw, Map<String, Object> event,
               String eventJson) {
        this.sourceId = sourceId;
        this.sourceVersion = sourceVersion;
        this.raw = raw;
        this.event = event;
        this.eventUtf8 = null;
        this.eventJson = eventJson;
    }

    /**
     * The event's JSON as it arrived, for a dead letter or the write-back outbox; decoded from Kafka's bytes the first
     * time it is asked for (a batch's thread only).
     */
    String eventJson() {
        if (eventJson == null && eventUtf8 != null) {
            eventJson = new String(eventUtf8, java.nio.charset.StandardCharsets.UTF_8);
        }
        return eventJson;
    }

    @SuppressWarnings("unchecked")
    List<String> flags() {
        Object f = event == null ? null : event.get("flags");
        return f instanceof List ? (List<String>) f : List.of();
    }

    /** A value of the canonical record; a dotted name reads into nested objects (address.country). */
    Object field(String name) {
        return field(event, name);
    }

    /** A value of a canonical record; a dotted name reads into nested objects (address.country). */
    public static Object field(Map<String, Object> event, String name) {
        Object v = event;
        for (String part : name.split("\\.")) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(part);
        }
        return v;
    }

    boolean live() {
        return outcome != Outcome.FAILED && outcome != Outcome.STALE && outcome != Outcome.WAITING;
    }
}
