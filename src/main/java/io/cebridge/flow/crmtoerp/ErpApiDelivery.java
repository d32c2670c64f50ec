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

    /** {@code linkFlag}: the flag of a record linked to a document another record owns. */
    public ErpApiDelivery(String flow, DeadLetters deadLetters, ErpRecordWriter writer, String linkFlag) {
        this.flow = flow;
        this.deadLetters = deadLetters;
        this.writer = writer;
        this.linkFlag = linkFlag;
    }

    public void write(Exchange exchange) {
        RecordBatch batch = RecordBatch.of(exchange, "erp");
        List<FlowRecord> todo = batch.live().stream().filter(r -> r.outcome == FlowRecord.Outcome.PENDING).toList();
        for (FlowRecord r : todo) {
            if (r.erpRow == null) {
                throw new IllegalStateException(flow + ": the erp: endpoint needs mapped rows: list step:map before it");
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
                    deadLetters.put(flow, "erp-upsert", r.sourceId, r.sourceVersion, "ERP_REJECTED", o.reason(), r.eventJson);
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
    }

    private static void settle(FlowRecord r, FlowRecord.Outcome outcome, ErpRecordWriter.Outcome o) {
        r.outcome = outcome;
        r.erpNo = o.number();
        r.erpId = o.id();
    }
}
