package io.cebridge.store;

import java.time.Instant;

/**
 * One write-back waiting in the outbox: the CRM record ({@code crmObject}, {@code recordId}) and the fields to write
 * as a JSON object, with the flow's record it came from (source id, version and event, for a dead letter).
 * {@code payload} is null when read for sending: it is read only for the records the CRM refused.
 */
public record OutboxEntry(String flow, String crmObject, String recordId, String fields, String sourceId,
                          String sourceVersion, String payload, Instant created) {
}
