package io.cebridge.flow.crmtoerp;

import io.cebridge.error.ErrorClassifier;
import io.cebridge.error.ErrorKind;
import io.cebridge.error.RetriableException;
import io.cebridge.error.SystemFailureException;
import io.cebridge.flow.DeadLetters;
import io.cebridge.store.CreateClaimStore;
import io.cebridge.store.XrefEntry;
import io.cebridge.store.XrefRepository;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes one ERP record of new CRM records sharing a claim value (a customer's USCC) when they are delivered at once by
 * two consumers or instances: before the ERP is read by the value, the batch claims its values in the state store.
 * A record whose value another record holds goes on only if that one is linked already (it then links to its ERP
 * record); otherwise it waits, parked as {@value #CLAIMED_BY_OTHER}, until that record is linked or its claim lapses
 * or is given up (see {@link WaitingRecords#releaseClaimed}). Within one batch the first record of a value claims it;
 * the matcher links the others to it as before. Records with a link, or without a value, cost nothing.
 */
public final class CreateClaims {
    public static final String CLAIMED_BY_OTHER = "CLAIMED_BY_OTHER";
    static final String STAGE = "erp-claim";
    /** The holder's id in a waiting record's reason, for the release step: the only place both are written and read. */
    private static final Pattern HOLDER = Pattern.compile("CRM record (\\S+) holds the claim");
    private final String flow;
    private final Supplier<String> entity;
    private final CreateClaimStore claims;
    private final XrefRepository xref;
    private final DeadLetters deadLetters;
    private final Duration lease;

    /** {@code entity}: the flow's cross-reference type (set by its decode step), which also scopes its claims. */
    public CreateClaims(String flow, Supplier<String> entity, CreateClaimStore claims, XrefRepository xref,
                        DeadLetters deadLetters, Duration lease) {
        this.flow = flow;
        this.entity = entity;
        this.claims = claims;
        this.xref = xref;
        this.deadLetters = deadLetters;
        this.lease = lease;
    }

    public Duration lease() {
        return lease;
    }

    String entity() {
        return entity.get();
    }

    CreateClaimStore repository() {
        return claims;
    }

    /**
     * Claims the values of records that would create an ERP record ({@code creates}: no link yet; {@code valueOf}:
     * the claim value, null for none, named {@code label} in reasons); parks those whose value another record, not
     * linked yet, holds, and returns them (outcome WAITING). Idempotent: a retry of the batch holds what it held.
     */
    Set<FlowRecord> claim(List<FlowRecord> creates, Function<FlowRecord, String> valueOf, String label) {
        Map<String, FlowRecord> first = new LinkedHashMap<>();
        Map<String, Set<String>> idsOf = new HashMap<>();
        for (FlowRecord r : creates) {
            String v = valueOf.apply(r);
            if (v != null) {
                first.putIfAbsent(v, r);
                idsOf.computeIfAbsent(v, k -> new HashSet<>()).add(r.sourceId);
            }
        }
        if (first.isEmpty()) {
            return Set.of();
        }
        Map<String, String> wanted = new HashMap<>();
        first.forEach((v, r) -> wanted.put(v, r.sourceId));
        try {
            Map<String, String> others = new HashMap<>();
            claims.claim(entity(), wanted, lease).forEach((v, holder) -> {
                if (!idsOf.get(v).contains(holder)) { // held by a record of this batch: the matcher makes one of them
                    others.put(v, holder);
                }
            });
            if (others.isEmpty()) {
                return Set.of();
            }
            Map<String, XrefEntry> linked = xref.find(entity(), new HashSet<>(others.values()));
            Set<FlowRecord> parked = Collections.newSetFromMap(new IdentityHashMap<>());
            for (FlowRecord r : creates) {
                String v = valueOf.apply(r);
                String holder = v == null ? null : others.get(v);
                if (holder != null && !linked.containsKey(holder)) {
                    deadLetters.park(flow, STAGE, r.sourceId, r.sourceVersion, CLAIMED_BY_OTHER, "waiting, nothing"
                            + " written: CRM record " + holder + " holds the claim to create the ERP record for " + label
                            + " " + v + " and is not linked yet; sent again once it is (this record then shares its ERP"
                            + " record), when its claim lapses (bridge.delivery.create-claim-lease, " + shown(lease) + "), or"
                            + " with dlq retry", r.eventJson());
                    r.outcome = FlowRecord.Outcome.WAITING;
                    parked.add(r);
                }
            }
            return parked;
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    /** Gives up the claims of records whose create was dead-lettered: records waiting for them go on at once. */
    void failed(List<FlowRecord> failedCreates, Function<FlowRecord, String> valueOf) {
        Map<String, String> held = held(failedCreates, valueOf);
        try {
            claims.release(entity(), held);
        } catch (SQLException e) {
            // the claim lapses by itself; the records waiting for it only wait longer
            org.slf4j.LoggerFactory.getLogger(CreateClaims.class).warn("{}: could not give up {} create claim(s)"
                    + " (SQLState {}); they lapse after {}", flow, held.size(), e.getSQLState(), lease);
        }
    }

    /**
     * The ERP writes of these records (the batch's creates that did not fail) are committed: their claims are no
     * longer needed (a store in this process drops them; the store's table keeps them until they lapse).
     */
    void settled(List<FlowRecord> written, Function<FlowRecord, String> valueOf) {
        if (written.isEmpty()) {
            return;
        }
        try {
            claims.settled(entity(), held(written, valueOf));
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(CreateClaims.class).debug("{}: settled claims kept (SQLState {})", flow,
                    e.getSQLState());
        }
    }

    /** Value -> the first of the records holding it (the one {@link #claim} claimed it for). */
    private static Map<String, String> held(List<FlowRecord> records, Function<FlowRecord, String> valueOf) {
        Map<String, String> held = new HashMap<>();
        for (FlowRecord r : records) {
            String v = valueOf.apply(r);
            if (v != null) {
                held.putIfAbsent(v, r.sourceId);
            }
        }
        return held;
    }

    /** The holder a waiting record's reason names, or null. */
    static String holderIn(String reason) {
        Matcher m = HOLDER.matcher(reason == null ? "" : reason);
        return m.find() ? m.group(1) : null;
    }

    private static String shown(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private static RuntimeException storeFailure(SQLException e) {
        if (ErrorClassifier.classify(e) == ErrorKind.SYSTEM) {
            return new SystemFailureException("the state store refuses create claims (SQLState " + e.getSQLState()
                    + "): check the state store's permissions and schema (bridge_create_claim)", e);
        }
        return new RetriableException("state store unavailable for create claims (SQLState " + e.getSQLState() + ")", e);
    }
}
