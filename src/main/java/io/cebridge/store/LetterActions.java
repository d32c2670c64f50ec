package io.cebridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The error inbox's writes: a person resolves a letter or edits its record for a retry. Each change of the letter, its
 * action row and a row in the store's audit (DLQ_RESOLVED, DLQ_EDITED) go in one transaction, so the audit never
 * misses one and never shows one that did not happen.
 */
public final class LetterActions {
    public static final int NOTE_MAX = 2000;
    public static final int ACTOR_MAX = 100;
    private final DataSource ds;

    public LetterActions(DataSource ds) {
        this.ds = ds;
    }

    /** Resolves a letter that is not resolved yet; false when there is none such (unknown id or already resolved). */
    public boolean resolve(DeadLetter letter, String actor, String note) throws SQLException {
        check(actor, note);
        Timestamp now = Timestamp.from(Instant.now());
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE bridge_dead_letter SET status = 'RESOLVED',"
                    + " resolved_at = ?, resolved_by = ?, resolution_note = ? WHERE id = ? AND status <> 'RESOLVED'")) {
                ps.setTimestamp(1, now);
                ps.setString(2, actor);
                ps.setString(3, note);
                ps.setLong(4, letter.id());
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            append(c, letter, LetterAction.RESOLVED, actor, note, null, null, now);
            return true;
        });
    }

    /**
     * Replaces the record a letter holds and marks the letter for retry, if it is still as the person saw it (OPEN with
     * the same attempts): false when the flow changed it meanwhile. A letter already marked for retry is not edited:
     * the flow may be sending its record at this moment, and the edit would be lost.
     */
    public boolean edit(DeadLetter letter, String newPayload, String changesJson, String actor, String note)
            throws SQLException {
        check(actor, note);
        Timestamp now = Timestamp.from(Instant.now());
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE bridge_dead_letter SET payload = ?,"
                    + " status = 'RETRY_REQUESTED' WHERE id = ? AND attempts = ? AND status = 'OPEN'")) {
                ps.setString(1, newPayload);
                ps.setLong(2, letter.id());
                ps.setInt(3, letter.attempts());
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            append(c, letter, LetterAction.EDITED, actor, note, changesJson, sha256(letter.payload()), now);
            return true;
        });
    }

    /** Marks an OPEN letter for retry (`dlq retry`); false when it is not OPEN (any more). */
    public boolean retry(DeadLetter letter, String actor) throws SQLException {
        check(actor, null);
        Timestamp now = Timestamp.from(Instant.now());
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE bridge_dead_letter SET status = 'RETRY_REQUESTED'"
                    + " WHERE id = ? AND status = 'OPEN'")) {
                ps.setLong(1, letter.id());
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            append(c, letter, LetterAction.RETRIED, actor, null, null, null, now);
            return true;
        });
    }

    /** What people did to one letter, oldest first. */
    public List<LetterAction> of(long letterId) throws SQLException {
        List<LetterAction> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, letter_id, flow, source_id, action, actor, at, note,"
                     + " changes FROM bridge_dead_letter_action WHERE letter_id = ? ORDER BY id")) {
            ps.setLong(1, letterId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LetterAction(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8),
                            rs.getString(9)));
                }
            }
        }
        return out;
    }

    private static void check(String actor, String note) {
        if (actor == null || actor.isBlank() || actor.length() > ACTOR_MAX) {
            throw new IllegalArgumentException("the user name must have 1 to " + ACTOR_MAX + " characters");
        }
        if (note != null && note.length() > NOTE_MAX) { // refused, never cut
            throw new IllegalArgumentException("the note has " + note.length() + " characters; at most " + NOTE_MAX);
        }
    }

    /** The hash an edit keeps of the record it replaced (see {@link DeadLetterRepository#record}). */
    static String sha256(String payload) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(payload).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void append(Connection c, DeadLetter letter, String action, String actor, String note, String changes,
                               String replacedSha256, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bridge_dead_letter_action (letter_id, flow, source_id,"
                + " source_version, action, actor, at, note, replaced_sha256, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, letter.id());
            ps.setString(2, letter.flow());
            ps.setString(3, letter.sourceId());
            ps.setString(4, letter.sourceVersion());
            ps.setString(5, action);
            ps.setString(6, actor);
            ps.setTimestamp(7, now);
            ps.setString(8, note);
            ps.setString(9, replacedSha256);
            ps.setString(10, changes);
            ps.executeUpdate();
        }
        // the record's own audit trail shows it too; flags holds at most 200 characters: letter id and user fit
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bridge_audit (flow, source_id, source_version,"
                + " target_id, action, flags, at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, letter.flow());
            ps.setString(2, letter.sourceId());
            ps.setString(3, letter.sourceVersion());
            ps.setString(4, null);
            ps.setString(5, "DLQ_" + action);
            ps.setString(6, "dead letter " + letter.id() + " by " + actor);
            ps.setTimestamp(7, now);
            ps.executeUpdate();
        }
    }

    private interface Work {
        boolean run(Connection c) throws SQLException;
    }

    private boolean inTransaction(Work work) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean done = work.run(c);
                c.commit();
                return done;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
