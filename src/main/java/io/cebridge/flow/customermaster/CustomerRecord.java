package io.cebridge.flow.customermaster;

import java.util.List;
import java.util.Map;

/** One canonical customer event on its way through a delivery batch, with what happened to it so far. */
final class CustomerRecord {
    enum Outcome { PENDING, CREATED, UPDATED, CLAIMED, LINKED, UNCHANGED, STALE, FAILED }

    final String sourceId;
    final String sourceVersion;
    final Map<String, Object> event;
    final String eventJson;
    Map<String, Object> erpRow;
    Outcome outcome = Outcome.PENDING;
    String erpNo;
    /** The ERP row this record matched before it was written (own, claimed or linked), for recordings. */
    Map<String, Object> erpBefore;

    CustomerRecord(String sourceId, String sourceVersion, Map<String, Object> event, String eventJson) {
        this.sourceId = sourceId;
        this.sourceVersion = sourceVersion;
        this.event = event;
        this.eventJson = eventJson;
    }

    @SuppressWarnings("unchecked")
    List<String> flags() {
        Object f = event.get("flags");
        return f instanceof List ? (List<String>) f : List.of();
    }

    Object crmErpNo() {
        return event.get("erpCustomerNo");
    }

    String uscc() {
        Object u = event.get("uscc");
        return u == null ? null : u.toString();
    }

    boolean live() {
        return outcome != Outcome.FAILED && outcome != Outcome.STALE;
    }

    boolean delivered() {
        return outcome == Outcome.CREATED || outcome == Outcome.UPDATED || outcome == Outcome.CLAIMED
                || outcome == Outcome.LINKED;
    }
}
