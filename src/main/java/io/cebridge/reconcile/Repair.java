package io.cebridge.reconcile;

import io.cebridge.flow.crmtoerp.CrmIngest;
import io.cebridge.json.Json;
import io.cebridge.store.AuditEntry;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import io.cebridge.store.XrefEntry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `reconcile --repair`: sends the records a report found only in the CRM, different or not linked through their flow
 * again, never writing to the ERP itself. Each record becomes a letter of the flow's ingest stage marked for retry,
 * holding the CRM record as read: the running flow (or the next `run`) takes it as `dlq retry` does, through the
 * current mapping, cleansing and the ERP upsert, and the delivery resolves the letter. So that delivery does not take
 * the record for one already applied, the cross-reference is told: a link to an ERP row that is gone is forgotten,
 * the applied version of a differing record is reset. Rows only in the ERP are reported, never deleted. Every record
 * sent is audited (action {@value #ACTION}).
 */
public final class Repair {
    public static final String ACTION = "RECONCILE_REPAIR";
    /** Older than any CRM version: the delivery applies the record again instead of taking it for a redelivery. */
    static final String NOT_APPLIED = "1970-01-01T00:00:00.000Z";
    private final Reconciler reconciler;
    private final StateStore store;

    public Repair(Reconciler reconciler, StateStore store) {
        this.reconciler = reconciler;
        this.store = store;
    }

    /** Sends the repairable findings of {@code report} (made by this reconciler's last run); returns how many were sent. */
    public List<Finding> send(ReconcileReport report) throws SQLException {
        ReconcileTarget t = reconciler.target();
        List<Finding> todo = report.findings().stream().filter(f -> f.kind().repairable()).toList();
        if (todo.isEmpty()) {
            return List.of();
        }
        Map<String, XrefEntry> links = store.xref().find(t.entity(), todo.stream().map(Finding::crmId).toList());
        List<String> forget = new ArrayList<>();
        List<XrefEntry> reset = new ArrayList<>();
        List<AuditEntry> audit = new ArrayList<>();
        Set<String> sent = new HashSet<>();
        for (Finding f : todo) {
            Map<String, Object> crm = reconciler.crmRecord(f.crmId());
            XrefEntry x = links.get(f.crmId());
            if (crm == null) {
                continue;
            }
            if (x != null && f.kind() == Finding.Kind.ONLY_IN_CRM) {
                forget.add(f.crmId()); // its ERP row is gone: the delivery must create (or claim) one again
            } else if (x != null) {
                reset.add(new XrefEntry(f.crmId(), x.erpId(), NOT_APPLIED));
            }
            String version = String.valueOf(crm.get("SystemModstamp"));
            store.deadLetters().record(DeadLetter.failure(t.flow(), CrmIngest.STAGE, f.crmId(), version, ACTION,
                    "reconcile found the record " + describe(f) + "; sent through the flow again by reconcile --repair",
                    Json.write(crm)));
            sent.add(f.crmId());
            audit.add(new AuditEntry(t.flow(), f.crmId(), version, f.erpNo(), ACTION, flags(f)));
        }
        store.xref().remove(t.entity(), forget);
        store.xref().upsert(t.entity(), reset);
        for (DeadLetter d : store.deadLetters().list(t.flow(), false)) {
            if (sent.contains(d.sourceId()) && ACTION.equals(d.reasonCode()) && DeadLetter.OPEN.equals(d.status())) {
                store.deadLetters().requestRetry(d.id(), t.flow());
            }
        }
        store.audit().append(audit);
        return todo.stream().filter(f -> sent.contains(f.crmId())).toList();
    }

    private static String describe(Finding f) {
        return switch (f.kind()) {
            case ONLY_IN_CRM -> "only in the CRM (" + f.detail() + ")";
            case NOT_LINKED -> "not linked (" + f.detail() + ")";
            default -> "different in " + String.join(", ", f.differences().stream()
                    .map(Finding.ColumnDifference::column).toList());
        };
    }

    /** kind:columns, within the audit's 200 characters. */
    static String flags(Finding f) {
        String s = f.kind() + (f.differences().isEmpty() ? "" : ":" + String.join(",", f.differences().stream()
                .map(Finding.ColumnDifference::column).toList()));
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }
}
