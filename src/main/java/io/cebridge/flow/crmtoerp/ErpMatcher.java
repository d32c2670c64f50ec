package io.cebridge.flow.crmtoerp;

import io.cebridge.connector.erp.jdbc.JdbcUpsertWriter;
import io.cebridge.connector.erp.jdbc.UpsertFailure;
import io.cebridge.store.XrefEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides per record whether its ERP row is updated, created, or an existing one is reused. Rows are found by the
 * key column holding the CRM id. With a claim column (e.g. the claimBy of customers): a record whose value matches a row
 * created by hand (no CRM id yet) claims it; one whose value matches a row another record already owns is linked to
 * it and flagged, not created again. Then writes the batch.
 */
public final class ErpMatcher {
    /**
     * {@code key}: the column holding the CRM id; {@code number}: the ERP's own key, written back; {@code claimBy}:
     * the column by which rows made outside the flow are claimed or shared (null: none); {@code flag}: the flag of a
     * record linked to a row another record owns.
     */
    public record Keys(String key, String number, String claimBy, String flag) {
    }

    private final JdbcUpsertWriter erp;
    private final String key;
    private final String number;
    private final String claimBy;
    private final String flag;

    ErpMatcher(JdbcUpsertWriter erp, Keys keys) {
        this.erp = erp;
        this.key = keys.key();
        this.number = keys.number();
        this.claimBy = keys.claimBy();
        this.flag = keys.flag();
    }

    private String claimValue(FlowRecord r) {
        if (claimBy == null || r.erpRow == null) {
            return null;
        }
        Object v = r.erpRow.get(claimBy);
        return v == null ? null : v.toString();
    }

    /**
     * When a write creating what this batch claimed must have ended: once the claims lapse, another delivery may take
     * them over, find no row (this one's not committed yet) and create one too. A quarter of the lease is left for the
     * commit and for the clocks of the instances, which compare the claim's time with their own.
     */
    static java.time.Instant writeDeadline(java.time.Instant claimed, java.time.Duration lease) {
        return claimed.plus(lease.minus(lease.dividedBy(4)));
    }

    /** Reads, decides and writes; safe to call again after a retriable failure (claims and upserts are idempotent). */
    Plan apply(List<FlowRecord> todo, Map<String, XrefEntry> known) {
        return apply(todo, known, null);
    }

    /**
     * As {@link #apply(List, Map)}; with {@code createClaims}, the records that would create a row claim their value
     * first, before the ERP is read by it: those whose value another delivery is creating wait (outcome WAITING, not in
     * the plan), so two deliveries at once never both create a row for one value.
     */
    Plan apply(List<FlowRecord> todo, Map<String, XrefEntry> known, CreateClaims createClaims) {
        Plan plan = new Plan();
        Map<String, Map<String, Object>> own = new HashMap<>();
        erp.findBy(key, todo.stream().map(r -> r.sourceId).toList(), List.of(number))
                .forEach(row -> own.put(String.valueOf(row.get(key)), row));
        List<FlowRecord> creates = todo.stream()
                .filter(r -> !own.containsKey(r.sourceId) && !known.containsKey(r.sourceId) && claimValue(r) != null)
                .toList();
        java.time.Instant deadline = null;
        if (createClaims != null && !creates.isEmpty()) {
            java.time.Instant claimed = java.time.Instant.now();
            java.util.Set<FlowRecord> waiting = createClaims.claim(creates, this::claimValue, claimBy);
            if (!waiting.isEmpty()) {
                todo = todo.stream().filter(r -> !waiting.contains(r)).toList();
                creates = creates.stream().filter(r -> !waiting.contains(r)).toList();
            }
            if (!creates.isEmpty()) {
                deadline = writeDeadline(claimed, createClaims.lease());
            }
        }
        List<String> usccs = creates.stream().map(this::claimValue).distinct().toList();
        Map<String, List<Map<String, Object>>> byUscc = new HashMap<>();
        erp.findBy(claimBy, usccs, List.of(number, key))
                .forEach(row -> byUscc.computeIfAbsent(String.valueOf(row.get(claimBy)), k -> new ArrayList<>()).add(row));

        Map<String, FlowRecord> newByUscc = new HashMap<>();
        List<FlowRecord> writes = new ArrayList<>();
        for (FlowRecord r : todo) {
            Map<String, Object> row = own.get(r.sourceId);
            if (row != null) {
                boolean same = erp.sameContent(row, r.erpRow);
                plan.set(r, same ? FlowRecord.Outcome.UNCHANGED : FlowRecord.Outcome.UPDATED, row.get(number));
                plan.before.put(r, row);
                if (!same) {
                    writes.add(r);
                }
                continue;
            }
            XrefEntry x = known.get(r.sourceId);
            if (x != null) { // linked to a customer another account owns, on an earlier version
                plan.set(r, FlowRecord.Outcome.UNCHANGED, x.erpId());
                continue;
            }
            String uscc = claimValue(r);
            if (uscc != null && decideByUscc(plan, r, byUscc.getOrDefault(uscc, List.of()), newByUscc, writes)) {
                continue;
            }
            if (uscc != null) {
                newByUscc.put(uscc, r);
            }
            plan.set(r, FlowRecord.Outcome.CREATED, null);
            writes.add(r);
        }

        JdbcUpsertWriter.Upserted upserted = erp.upsert(writes.stream().map(r -> r.erpRow).toList(), number, deadline);
        List<UpsertFailure> failures = upserted.failures();
        failures.forEach(f -> plan.failures.put(writes.get(f.index()), f.describe("the row")));
        if (createClaims != null) {
            List<FlowRecord> failedCreates = writes.stream().filter(r -> plan.failures.containsKey(r)
                    && plan.outcome.get(r) == FlowRecord.Outcome.CREATED).toList();
            if (!failedCreates.isEmpty()) {
                createClaims.failed(failedCreates, this::claimValue);
            }
            createClaims.settled(creates.stream().filter(r -> !plan.failures.containsKey(r)).toList(), this::claimValue);
        }
        List<String> created = writes.stream().filter(r -> !plan.failures.containsKey(r)
                && plan.outcome.get(r) == FlowRecord.Outcome.CREATED).map(r -> r.sourceId).toList();
        Map<String, Object> numbers = upserted.returnedByKey();
        if (numbers == null) { // the database did not hand them back with the write
            Map<String, Object> read = new HashMap<>();
            erp.findColumns(key, created, List.of(number)).forEach(row -> read.put(String.valueOf(row.get(key)), row.get(number)));
            numbers = read;
        }
        for (FlowRecord r : todo) {
            if (plan.outcome.get(r) == FlowRecord.Outcome.CREATED && !plan.failures.containsKey(r)) {
                plan.erpNo.put(r, numbers.get(r.sourceId));
            }
        }
        plan.links.forEach((r, target) -> {
            if (plan.failures.containsKey(target)) {
                plan.failures.put(r, "links by " + claimBy + " to record " + target.sourceId + ", whose ERP row could not be"
                        + " created (see that record's dead letter)");
            } else {
                plan.erpNo.put(r, plan.erpNo.get(target));
            }
        });
        return plan;
    }

    private boolean decideByUscc(Plan plan, FlowRecord r, List<Map<String, Object>> candidates,
                                 Map<String, FlowRecord> newByUscc, List<FlowRecord> writes) {
        for (Map<String, Object> c : candidates) {
            if (c.get(key) == null && erp.claim(number, c.get(number), key, r.sourceId)) {
                plan.set(r, FlowRecord.Outcome.CLAIMED, c.get(number));
                plan.before.put(r, c);
                Map<String, Object> claimed = new HashMap<>(c);
                claimed.put(key, r.sourceId);
                if (!erp.sameContent(claimed, r.erpRow)) {
                    writes.add(r);
                }
                return true;
            }
        }
        for (Map<String, Object> c : candidates) {
            if (c.get(key) != null) {
                plan.set(r, FlowRecord.Outcome.LINKED, c.get(number));
                plan.before.put(r, c);
                plan.flags.put(r, flag);
                return true;
            }
        }
        FlowRecord first = newByUscc.get(claimValue(r));
        if (first != null) {
            plan.set(r, FlowRecord.Outcome.LINKED, null);
            plan.flags.put(r, flag);
            plan.links.put(r, first);
            return true;
        }
        return false;
    }

    /** What the matcher decided, applied to the records only once the whole attempt succeeded. */
    static final class Plan {
        final Map<FlowRecord, FlowRecord.Outcome> outcome = new IdentityHashMap<>();
        final Map<FlowRecord, Object> erpNo = new IdentityHashMap<>();
        final Map<FlowRecord, String> flags = new IdentityHashMap<>();
        final Map<FlowRecord, FlowRecord> links = new IdentityHashMap<>();
        final Map<FlowRecord, String> failures = new IdentityHashMap<>();
        final Map<FlowRecord, Map<String, Object>> before = new IdentityHashMap<>();

        void set(FlowRecord r, FlowRecord.Outcome o, Object number) {
            outcome.put(r, o);
            if (number != null) {
                erpNo.put(r, number);
            }
        }

        Map<FlowRecord, String> failures() {
            return failures;
        }

        @SuppressWarnings("unchecked")
        void apply() {
            outcome.forEach((r, o) -> {
                if (failures.containsKey(r)) {
                    return;
                }
                r.outcome = o;
                r.erpBefore = before.get(r);
                Object n = erpNo.get(r);
                r.erpNo = n == null ? null : n.toString();
                String flag = flags.get(r);
                if (flag != null) {
                    List<String> f = new ArrayList<>(r.flags());
                    f.add(flag);
                    r.event.put("flags", f);
                }
            });
        }
    }
}
