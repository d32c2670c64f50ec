package io.cebridge.flow.erptocrm;

import java.util.List;
import java.util.Map;

/** One document of a delivery batch and what happened to it. */
final class DocumentDelivery {
    enum Outcome { PENDING, UNCHANGED, STALE, WAITING, FAILED, DELIVERED }

    final String sourceId;
    final String sourceVersion;
    final String type;
    final Map<String, Object> event;
    final String eventJson;
    Outcome outcome = Outcome.PENDING;
    List<CrmWrite> writes = List.of();
    String contentHash;
    String crmId;
    /** The mapping that made {@link #writes}, for the audit. */
    io.cebridge.mapping.CompiledMapping mapping;
    /** When the poller handed this snapshot on (its Kafka record's time), for the audit's READ row. */
    java.time.Instant readAt;
    /** Rejections of writes that do not hold back the document's later writes; dead-lettered together at the end. */
    final List<String> rejections = new java.util.ArrayList<>();

    DocumentDelivery(String sourceId, String sourceVersion, String type, Map<String, Object> event, String eventJson) {
        this.sourceId = sourceId;
        this.sourceVersion = sourceVersion;
        this.type = type;
        this.event = event;
        this.eventJson = eventJson;
    }

    boolean pending() {
        return outcome == Outcome.PENDING;
    }
}
