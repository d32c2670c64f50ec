package io.cebridge.flow.crmtoerp;

import io.cebridge.connector.erp.ErpRecordWriter;
import io.cebridge.flow.DeadLetters;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * The ERP step of a delivery batch when the ERP is reached through its API (Kingdee, YonBIP): the batch's mapped records go
 * to the {@link ErpRecordWriter}, which finds each by its CRM id before writing; a record the ERP refuses is
 * dead-lettered with the ERP's message, the others carry their ERP number on to the write-back. A failure of the
 * whole call is thrown and the route's redelivery runs this step again, records and all.
 */
public final class ErpApiDelivery {
    private final String flow;
    private final DeadLetters deadLetters;
    private final ErpRecordWriter writer;
    private final String linkFlag;
    private final CreateClaims createClaims;

    /** {@code linkFlag}: the flag of a record linked to a document another record owns. */
    public ErpApiDelivery(String flow, DeadLetters deadLetters, ErpRecordWriter writer, String linkFlag) {
        this(flow, deadLetters, writer, linkFlag, null);
    }

    /**
     * {@code createClaims}: when the writer claims by a field (Kingdee's tax code), new records claim their value in
     * the state store before the writer looks documents up by it (see {@link CreateClaims}); null: none.
     */
    public ErpApiDelivery(String flow, DeadLetters deadLetters, ErpRecordWriter writer, String linkFlag,
                          CreateClaims createClaims) {
        this.flow = flow;
        this.deadLetters = deadLetters;
        this.writer = writer;
        this.linkFlag = linkFlag;
        this.createClaims = writer.claimField() == null ? null : createClaims;
    }

    /** The claims of this step, or null when its writer claims by no field. */
    public CreateClaims createClaims() {
        return createClaims;
    }

    public void write(Exchange exchange) {
        RecordBatch batch = RecordBatch.of(exchange, "erp");
        List<FlowRecord> todo = batch.live().stream().filter(r -> r.outcome == FlowRecord.Outcome.PENDING).toList();
        for (FlowRecord r : todo) {
            if (r.erpRow == null) {
                throw new IllegalStateException(flow + ": the erp: endpoint needs mapped rows: list step:map before it");
            }
        }
        List<FlowRecord> creates = List.of();
        if (createClaims != null) {
            creates = todo.stream().filter(r -> !batch.known.containsKey(r.sourceId) && claimValue(r) != null).toList();
            java.util.Set<FlowRecord> waiting = creates.isEmpty() ? java.util.Set.of()
                    : createClaims.claim(creates, this::claimValue, writer.claimField());
            if (!waiting.isEmpty()) {
                todo = todo.stream().filter(r -> !waiting.contains(r)).toList();
                creates = creates.stream().filter(r -> !waiting.contains(r)).toList();
            }
        }
        if (todo.isEmpty()) {
            return;
        }
        List<ErpRecordWriter.Outcome> out = writer.write(todo.stream()
                .map(r -> new ErpRecordWriter.Input(r.sourceId, r.erpRow, r.sourceVersion)).toList());
        for (int i = 0; i < todo.size(); i++) {
            FlowRecord r = todo.get(i);
            ErpRecordWriter.Outcome o = out.get(i);
            switch (o.kind()) {
                case FAILED -> {
                    // stored first: if the store fails, the record stays pending and the redelivery asks the ERP again
                    deadLetters.put(flow, "erp-upsert", r.sourceId, r.sourceVersion, "ERP_REJECTED", o.reason(), r.eventJson());
                    r.outcome = FlowRecord.Outcome.FAILED;
                }
                case CREATED -> settle(r, FlowRecord.Outcome.CREATED, o);
                case UPDATED -> settle(r, FlowRecord.Outcome.UPDATED, o);
                case CLAIMED -> settle(r, FlowRecord.Outcome.CLAIMED, o);
                case LINKED -> {
                    settle(r, FlowRecord.Outcome.LINKED, o);
                    List<String> flags = new java.util.ArrayList<>(r.flags());
                    flags.add(linkFlag);
                    r.event.put("flags", flags);
                }
                default -> settle(r, FlowRecord.Outcome.UNCHANGED, o);
            }
        }
        List<FlowRecord> failedCreates = creates.stream().filter(r -> r.outcome == FlowRecord.Outcome.FAILED).toList();
        if (!failedCreates.isEmpty()) {
            createClaims.failed(failedCreates, this::claimValue);
        }
        if (createClaims != null) {
            createClaims.settled(creates.stream().filter(r -> r.outcome != FlowRecord.Outcome.FAILED).toList(),
                    this::claimValue);
        }
    }

    /** The record's value of the writer's claim field (as the writer reads it: any case, blank is none), or null. */
    private String claimValue(FlowRecord r) {
        String field = writer.claimField();
        for (java.util.Map.Entry<String, Object> e : r.erpRow.entrySet()) {
            if (e.getKey().equalsIgnoreCase(field) && e.getValue() != null && !(e.getValue() instanceof java.util.Map)
                    && !e.getValue().toString().isBlank()) {
                return e.getValue().toString();
            }
        }
        return null;
    }

    private static void settle(FlowRecord r, FlowRecord.Outcome outcome, ErpRecordWriter.Outcome o) {
        r.outcome = outcome;
        r.erpNo = o.number();
        r.erpId = o.id();
    }
}
