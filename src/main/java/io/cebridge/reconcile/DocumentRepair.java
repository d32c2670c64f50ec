package io.cebridge.reconcile;

import io.cebridge.json.Json;
import io.cebridge.store.AuditEntry;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.PublishedEntry;
import io.cebridge.store.SourceVersion;
import io.cebridge.store.StateStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `reconcile --repair` of an ERP -> CRM document flow: sends the documents a report found only in the ERP or
 * different through the flow again, never writing to the CRM itself. Each document, as just loaded from the ERP,
 * becomes a letter of the flow's {@value #STAGE} stage marked for retry: the flow's retry route puts it back on the
 * topic as an event read now, and its delivery links, maps and upserts it like any document and resolves the letter.
 * So that delivery does not take the document for content the CRM already has, what the flow remembers having sent
 * is reset (as `Repair` resets the applied version of a CRM -> ERP record). CRM records only in the CRM are reported,
 * never deleted. Every document sent is audited (action {@value Repair#ACTION}).
 */
public final class DocumentRepair {
    /** The letters' stage: any stage but ingest goes back on the topic as the event it holds. */
    public static final String STAGE = "reconcile";
    /** Older than any read, and no content hash: the next delivery of the document writes it. */
    static final PublishedEntry NOT_SENT = new PublishedEntry(null, Repair.NOT_APPLIED, Repair.ACTION);
    private final DocumentReconciler reconciler;
    private final StateStore store;

    public DocumentRepair(DocumentReconciler reconciler, StateStore store) {
        this.reconciler = reconciler;
        this.store = store;
    }

    /** Sends the repairable findings of {@code report} (made by this reconciler's last run); returns those sent. */
    public List<Finding> send(ReconcileReport report) throws SQLException {
        String flow = reconciler.target().flow();
        List<Finding> todo = report.findings().stream().filter(report::repairable).toList();
        List<PublishedEntry> reset = new ArrayList<>();
        List<AuditEntry> audit = new ArrayList<>();
        Set<String> sent = new HashSet<>();
        String version = SourceVersion.of(Instant.now());
        for (Finding f : todo) {
            Map<String, Object> doc = reconciler.documentEvent(f.erpNo());
            if (doc == null) {
                continue;
            }
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("sourceId", f.erpNo());
            event.put("sourceVersion", version);
            event.put("documentType", doc.get("documentType"));
            event.put("documentKey", doc.get("documentKey"));
            event.put("document", doc.get("document"));
            reset.add(new PublishedEntry(f.erpNo(), NOT_SENT.sourceVersion(), NOT_SENT.contentHash()));
            store.deadLetters().record(DeadLetter.failure(flow, STAGE, f.erpNo(), version, Repair.ACTION,
                    "reconcile found the document " + describe(f) + "; sent through the flow again by reconcile --repair",
                    Json.write(event)));
            sent.add(f.erpNo());
            audit.add(new AuditEntry(flow, f.erpNo(), version, f.crmId(), Repair.ACTION, Repair.flags(f)));
        }
        store.published().save(flow, reset);
        for (DeadLetter d : store.deadLetters().list(flow, false)) {
            if (sent.contains(d.sourceId()) && Repair.ACTION.equals(d.reasonCode()) && DeadLetter.OPEN.equals(d.status())) {
                store.deadLetters().requestRetry(d.id(), flow);
            }
        }
        store.audit().append(audit);
        return todo.stream().filter(f -> sent.contains(f.erpNo())).toList();
    }

    private static String describe(Finding f) {
        return f.kind() == Finding.Kind.ONLY_IN_ERP ? "only in the ERP (" + f.detail() + ")"
                : "different in " + String.join(", ", f.differences().stream().map(Finding.ColumnDifference::column)
                .toList()) + (f.detail().isEmpty() ? "" : " (" + f.detail() + ")");
    }
}
