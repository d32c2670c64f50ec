package io.cebridge.store;

import io.cebridge.error.PiiMask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * One record's story from the state store, for `trail ID` and GET /api/trail/{id}: the cross-references that tie
 * the id to its other side, every audited read and write of either (version, when, mapping file and content hash,
 * where it went and the key it got) and every dead letter with its attempts and status. The id may be a CRM id, an
 * ERP key or a document key (as `dlq list` shows it). Kept for bridge.store.retention like the audit itself.
 */
public final class RecordTrailQuery {
    private final DataSource ds;

    public RecordTrailQuery(DataSource ds) {
        this.ds = ds;
    }

    /** A cross-reference: {@code crmId} of type {@code entity} is {@code erpId} in the ERP. */
    public record Link(String entity, String crmId, String erpId, String sourceVersion, Instant updatedAt) {
    }

    /**
     * An audited step: READ (a version read from its source; {@code target} names that system) or what the write did
     * (CREATED, UPDATED, UPSERTED...; {@code target} is where, {@code targetId} the key there).
     */
    public record Event(Instant at, String flow, String action, String sourceId, String sourceVersion, String target,
                        String targetId, String flags, String mappingFile, String mappingHash) {
    }

    /** A dead letter of the record; {@code reason} with identifiers masked as `dlq list` shows them. */
    public record Letter(long id, String flow, String stage, String sourceId, String sourceVersion, String reasonCode,
                         String reason, int attempts, String status, Instant firstFailedAt, Instant lastFailedAt,
                         Instant resolvedAt, List<Action> actions) {
    }

    /** What a person did to a letter (`dlq retry`, `edit`, `resolve`): who, when, with which note. */
    public record Action(Instant at, String action, String actor, String note) {
    }

    /** Everything found; {@code ids}: the id asked for and those the cross-references tie it to. */
    public record Trail(Set<String> ids, List<Link> links, List<Event> events, List<Letter> deadLetters) {
        public boolean isEmpty() {
            return links.isEmpty() && events.isEmpty() && deadLetters.isEmpty();
        }

        /** The trail as JSON-ready maps, lists and strings (instants in ISO-8601). */
        public java.util.Map<String, Object> toMap() {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("ids", List.copyOf(ids));
            m.put("links", links.stream().map(l -> map("entity", l.entity(), "crmId", l.crmId(), "erpId", l.erpId(),
                    "sourceVersion", l.sourceVersion(), "updatedAt", l.updatedAt())).toList());
            m.put("events", events.stream().map(e -> map("at", e.at(), "flow", e.flow(), "action", e.action(),
                    "sourceId", e.sourceId(), "sourceVersion", e.sourceVersion(), "target", e.target(),
                    "targetId", e.targetId(), "flags", e.flags(), "mappingFile", e.mappingFile(),
                    "mappingHash", e.mappingHash())).toList());
            m.put("deadLetters", deadLetters.stream().map(d -> map("id", d.id(), "flow", d.flow(), "stage", d.stage(),
                    "sourceId", d.sourceId(), "sourceVersion", d.sourceVersion(), "reasonCode", d.reasonCode(),
                    "reason", d.reason(), "attempts", d.attempts(), "status", d.status(),
                    "firstFailedAt", d.firstFailedAt(), "lastFailedAt", d.lastFailedAt(),
                    "resolvedAt", d.resolvedAt(), "actions", d.actions().stream().map(a -> map("at", a.at(),
                            "action", a.action(), "actor", a.actor(), "note", a.note())).toList())).toList());
            return m;
        }

        private static java.util.Map<String, Object> map(Object... keyValues) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < keyValues.length; i += 2) {
                Object v = keyValues[i + 1];
                m.put((String) keyValues[i], v instanceof Instant t ? t.toString() : v);
            }
            return m;
        }
    }

    /** The trail of {@code id}; {@code flows}: the flows of the route files, so the audit's (flow, source) index serves. */
    public Trail find(String id, Collection<String> flows) throws SQLException {
        try (Connection c = ds.getConnection()) {
            List<Link> links = links(c, id);
            Set<String> ids = new LinkedHashSet<>();
            ids.add(id);
            links.forEach(l -> {
                ids.add(l.crmId());
                ids.add(l.erpId());
            });
            List<Event> events = events(c, ids, flows);
            List<Letter> letters = letters(c, ids);
            return new Trail(Collections.unmodifiableSet(ids), links, events, letters);
        }
    }

    private static List<Link> links(Connection c, String id) throws SQLException {
        List<Link> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT entity_type, crm_id, erp_id, source_version, updated_at"
                + " FROM bridge_xref WHERE crm_id = ? UNION SELECT entity_type, crm_id, erp_id, source_version, updated_at"
                + " FROM bridge_xref WHERE erp_id = ?")) {
            ps.setString(1, id);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Link(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            instant(rs.getTimestamp(5))));
                }
            }
        }
        out.sort(Comparator.comparing(Link::entity).thenComparing(Link::crmId));
        return out;
    }

    private static List<Event> events(Connection c, Set<String> ids, Collection<String> flows) throws SQLException {
        String cols = "SELECT id, at, flow, action, source_id, source_version, target, target_id, flags, mapping_file,"
                + " mapping_hash, read_from, read_at FROM bridge_audit WHERE ";
        String sql = cols + "target_id IN (" + marks(ids.size()) + ")"
                + (flows.isEmpty() ? "" : " UNION " + cols + "flow IN (" + marks(flows.size()) + ") AND source_id IN ("
                + marks(ids.size()) + ")");
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String id : ids) {
                ps.setString(i++, id);
            }
            if (!flows.isEmpty()) {
                for (String f : flows) {
                    ps.setString(i++, f);
                }
                for (String id : ids) {
                    ps.setString(i++, id);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(12) != null) { // a write that carries the read of its version: both steps
                        rows.add(new Object[] {rs.getLong(1), new Event(instant(rs.getTimestamp(13)), rs.getString(3),
                                AuditEntry.READ, rs.getString(5), rs.getString(6), rs.getString(12), null, null, null,
                                null)});
                    }
                    rows.add(new Object[] {rs.getLong(1), new Event(instant(rs.getTimestamp(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getString(11))});
                }
            }
        }
        // in the order they happened: a READ carries the time of the read, written with its delivery's rows later;
        // the rows of one batch share their time and keep the order they were written in (a write's own read
        // first: the sort is stable)
        rows.sort(Comparator.comparing((Object[] r) -> ((Event) r[1]).at(), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingLong(r -> (Long) r[0]));
        return rows.stream().map(r -> (Event) r[1]).toList();
    }

    private static List<Letter> letters(Connection c, Set<String> ids) throws SQLException {
        List<Letter> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, flow, stage, source_id, source_version, reason_code,"
                + " reason, payload, attempts, status, first_failed_at, last_failed_at, resolved_at FROM bridge_dead_letter"
                + " WHERE source_id IN (" + marks(ids.size()) + ") ORDER BY id")) {
            int i = 1;
            for (String id : ids) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Letter(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), PiiMask.reason(rs.getString(7), rs.getString(8)), rs.getInt(9),
                            rs.getString(10), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)),
                            instant(rs.getTimestamp(13)), new ArrayList<>()));
                }
            }
        }
        if (!out.isEmpty()) {
            actions(c, out);
        }
        return out;
    }

    /** The people's actions on these letters, oldest first (the notes masked as reasons are). */
    private static void actions(Connection c, List<Letter> letters) throws SQLException {
        java.util.Map<Long, Letter> byId = new java.util.HashMap<>();
        letters.forEach(l -> byId.put(l.id(), l));
        try (PreparedStatement ps = c.prepareStatement("SELECT letter_id, at, action, actor, note FROM"
                + " bridge_dead_letter_action WHERE letter_id IN (" + marks(letters.size()) + ") ORDER BY id")) {
            int i = 1;
            for (Letter l : letters) {
                ps.setLong(i++, l.id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byId.get(rs.getLong(1)).actions().add(new Action(instant(rs.getTimestamp(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5) == null ? null : PiiMask.reason(rs.getString(5), null)));
                }
            }
        }
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
