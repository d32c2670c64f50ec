package io.cebridge.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Create claims kept in this process, for the embedded state store: its file is open in this process only (another
 * instance cannot open it), so only this process's delivery consumers can create at once, and they share this object.
 * Same answers as the store's table; what the table would keep after a crash does not matter here, since after a
 * restart nobody holds a claim that has not lapsed. A claim is dropped once its holder's ERP write is committed, or
 * after its lease, so memory stays small however many records an initial load creates; an H2 table of claims cost
 * the delivery threads about a third of their CPU with three consumers (random values spread every batch's inserts
 * over the whole index, and each is written again at commit).
 */
public final class LocalCreateClaims implements CreateClaimStore {
    private record Key(String entity, String value) {
    }

    private record Claim(String sourceId, Instant at) {
    }

    private final Map<Key, Claim> claims = new HashMap<>();
    private Instant lastSweep = Instant.EPOCH;

    @Override
    public synchronized Map<String, String> claim(String entity, Map<String, String> wanted, Duration lease) {
        Instant now = Instant.now();
        sweep(now, lease);
        Map<String, String> out = new HashMap<>();
        wanted.forEach((value, id) -> {
            Key k = new Key(entity, value);
            Claim c = claims.get(k);
            if (c == null || c.sourceId().equals(id) || c.at().isBefore(now.minus(lease))) {
                claims.put(k, new Claim(id, now));
                out.put(value, id);
            } else {
                out.put(value, c.sourceId());
            }
        });
        return out;
    }

    @Override
    public synchronized void release(String entity, Map<String, String> held) {
        held.forEach((value, id) -> claims.computeIfPresent(new Key(entity, value),
                (k, c) -> c.sourceId().equals(id) ? null : c));
    }

    @Override
    public void settled(String entity, Map<String, String> held) {
        release(entity, held);
    }

    @Override
    public synchronized Set<String> holding(String entity, Collection<String> sourceIds, Instant since) {
        Set<String> wanted = new HashSet<>(sourceIds);
        Set<String> out = new HashSet<>();
        claims.forEach((k, c) -> {
            if (k.entity().equals(entity) && wanted.contains(c.sourceId()) && !c.at().isBefore(since)) {
                out.add(c.sourceId());
            }
        });
        return out;
    }

    /** How many claims are kept now. */
    public synchronized int size() {
        return claims.size();
    }

    /** Once a lease: drops lapsed claims (a lapsed claim and none mean the same to {@link #claim}). */
    private void sweep(Instant now, Duration lease) {
        if (lastSweep.isAfter(now.minus(lease))) {
            return;
        }
        lastSweep = now;
        Instant lapsed = now.minus(lease);
        for (Iterator<Claim> it = claims.values().iterator(); it.hasNext(); ) {
            if (it.next().at().isBefore(lapsed)) {
                it.remove();
            }
        }
    }
}
