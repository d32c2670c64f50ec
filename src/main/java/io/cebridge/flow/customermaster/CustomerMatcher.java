package io.cebridge.flow.customermaster;

import io.cebridge.connector.erp.jdbc.JdbcUpsertWriter;
import io.cebridge.connector.erp.jdbc.UpsertFailure;
import io.cebridge.store.XrefEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides per account whether its ERP customer is updated, created, or an existing one is reused: an account
 * whose USCC matches a customer created by hand (no CRM id yet) claims it; one whose USCC matches a customer
 * another account already owns is linked to it, not created again. Then writes the batch.
 */
final class CustomerMatcher {
    static final String KEY = "crm_account_id";
    static final String NUMBER = "customer_no";
    static final String USCC = "uscc";
    static final String DUPLICATE_FLAG = "DUPLICATE_USCC_LINKED";
    private final JdbcUpsertWriter erp;

    CustomerMatcher(JdbcUpsertWriter erp) {
        this.erp = erp;
    }

    /** Reads, decides and writes; safe to call again after a retriable failure (claims and upserts are idempotent). */
    Plan apply(List<CustomerRecord> todo, Map<String, XrefEntry> known) {
        Plan plan = new Plan();
        Map<String, Map<String, Object>> own = new HashMap<>();
        erp.findBy(KEY, todo.stream().map(r -> r.sourceId).toList(), List.of(NUMBER))
                .forEach(row -> own.put(String.valueOf(row.get(KEY)), row));
        List<String> usccs = todo.stream()
                .filter(r -> !own.containsKey(r.sourceId) && !known.containsKey(r.sourceId) && r.uscc() != null)
                .map(CustomerRecord::uscc).distinct().toList();
        Map<String, List<Map<String, Object>>> byUscc = new HashMap<>();
        erp.findBy(USCC, usccs, List.of(NUMBER, KEY))
                .forEach(row -> byUscc.computeIfAbsent(String.valueOf(row.get(USCC)), k -> new ArrayList<>()).add(row));

        Map<String, CustomerRecord> newByUscc = new HashMap<>();
        List<CustomerRecord> writes = new ArrayList<>();
        for (CustomerRecord r : todo) {
            Map<String, Object> row = own.get(r.sourceId);
            if (row != null) {
                boolean same = erp.sameContent(row, r.erpRow);
                plan.set(r, same ? CustomerRecord.Outcome.UNCHANGED : CustomerRecord.Outcome.UPDATED, row.get(NUMBER));
                plan.before.put(r, row);
                if (!same) {
                    writes.add(r);
                }
                continue;
            }
            XrefEntry x = known.get(r.sourceId);
            if (x != null) { // linked to a customer another account owns, on an earlier version
                plan.set(r, CustomerRecord.Outcome.UNCHANGED, x.erpId());
                continue;
            }
            String uscc = r.uscc();
            if (uscc != null && decideByUscc(plan, r, byUscc.getOrDefault(uscc, List.of()), newByUscc, writes)) {
                continue;
            }
            if (uscc != null) {
                newByUscc.put(uscc, r);
            }
            plan.set(r, CustomerRecord.Outcome.CREATED, null);
            writes.add(r);
        }

        List<UpsertFailure> failures = erp.upsert(writes.stream().map(r -> r.erpRow).toList());
        failures.forEach(f -> plan.failures.put(writes.get(f.index()), "the ERP rejected the customer: SQLState "
                + f.sqlState() + ": " + f.reason()));
        List<String> created = writes.stream().filter(r -> !plan.failures.containsKey(r)
                && plan.outcome.get(r) == CustomerRecord.Outcome.CREATED).map(r -> r.sourceId).toList();
        Map<String, Object> numbers = new HashMap<>();
        erp.findBy(KEY, created, List.of(NUMBER)).forEach(row -> numbers.put(String.valueOf(row.get(KEY)), row.get(NUMBER)));
        for (CustomerRecord r : todo) {
            if (plan.outcome.get(r) == CustomerRecord.Outcome.CREATED && !plan.failures.containsKey(r)) {
                plan.erpNo.put(r, numbers.get(r.sourceId));
            }
        }
        plan.links.forEach((r, target) -> {
            if (plan.failures.containsKey(target)) {
                plan.failures.put(r, "links by USCC to account " + target.sourceId + ", whose ERP customer could not be"
                        + " created (see that account's dead letter)");
            } else {
                plan.erpNo.put(r, plan.erpNo.get(target));
            }
        });
        return plan;
    }

    private boolean decideByUscc(Plan plan, CustomerRecord r, List<Map<String, Object>> candidates,
                                 Map<String, CustomerRecord> newByUscc, List<CustomerRecord> writes) {
        for (Map<String, Object> c : candidates) {
            if (c.get(KEY) == null && erp.claim(NUMBER, c.get(NUMBER), KEY, r.sourceId)) {
                plan.set(r, CustomerRecord.Outcome.CLAIMED, c.get(NUMBER));
                plan.before.put(r, c);
                Map<String, Object> claimed = new HashMap<>(c);
                claimed.put(KEY, r.sourceId);
                if (!erp.sameContent(claimed, r.erpRow)) {
                    writes.add(r);
                }
                return true;
            }
        }
        for (Map<String, Object> c : candidates) {
            if (c.get(KEY) != null) {
                plan.set(r, CustomerRecord.Outcome.LINKED, c.get(NUMBER));
                plan.before.put(r, c);
                plan.flags.put(r, DUPLICATE_FLAG);
                return true;
            }
        }
        CustomerRecord first = newByUscc.get(r.uscc());
        if (first != null) {
            plan.set(r, CustomerRecord.Outcome.LINKED, null);
            plan.flags.put(r, DUPLICATE_FLAG);
            plan.links.put(r, first);
            return true;
        }
        return false;
    }

    /** What the matcher decided, applied to the records only once the whole attempt succeeded. */
    static final class Plan {
        final Map<CustomerRecord, CustomerRecord.Outcome> outcome = new IdentityHashMap<>();
        final Map<CustomerRecord, Object> erpNo = new IdentityHashMap<>();
        final Map<CustomerRecord, String> flags = new IdentityHashMap<>();
        final Map<CustomerRecord, CustomerRecord> links = new IdentityHashMap<>();
        final Map<CustomerRecord, String> failures = new IdentityHashMap<>();
        final Map<CustomerRecord, Map<String, Object>> before = new IdentityHashMap<>();

        void set(CustomerRecord r, CustomerRecord.Outcome o, Object number) {
            outcome.put(r, o);
            if (number != null) {
                erpNo.put(r, number);
            }
        }

        Map<CustomerRecord, String> failures() {
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
