package io.cebridge.operate;

import io.cebridge.flow.LetterEdit;
import io.cebridge.json.Json;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.LetterActions;
import java.sql.SQLException;
import java.util.List;

/**
 * What a person can do to one dead letter, shared by the `dlq` commands and the web console: retry, resolve, edit
 * fields and retry. Each checks the letter's status first and answers in words why it did nothing, so both say the
 * same; the writes and their audit are {@link LetterActions}'.
 */
public final class LetterChanges {
    /** DONE: changed; REFUSED: the letter's status does not allow it (now); INVALID: the request itself is wrong. */
    public enum Kind { DONE, REFUSED, INVALID }

    /** What happened; {@code changes} the fields an edit changed (masked as stored), else empty. */
    public record Outcome(Kind kind, String message, List<LetterEdit.Change> changes) {
        public boolean done() {
            return kind == Kind.DONE;
        }

        static Outcome of(Kind kind, String message) {
            return new Outcome(kind, message, List.of());
        }
    }

    private final LetterActions actions;

    public LetterChanges(LetterActions actions) {
        this.actions = actions;
    }

    /** Marks an OPEN letter for retry; the running flow (or the next run) sends its record again. */
    public Outcome retry(DeadLetter letter, String actor) throws SQLException {
        if (!DeadLetter.OPEN.equals(letter.status())) {
            return Outcome.of(Kind.REFUSED, "dead letter " + letter.id() + " is " + letter.status() + ": only an open"
                    + " letter can be retried");
        }
        return actions.retry(letter, actor) ? Outcome.of(Kind.DONE, "dead letter " + letter.id() + " marked for retry")
                : Outcome.of(Kind.REFUSED, "dead letter " + letter.id() + " changed meanwhile; look at it again");
    }

    /** A person says the letter is handled. */
    public Outcome resolve(DeadLetter letter, String actor, String note) throws SQLException {
        if (note != null && note.length() > LetterActions.NOTE_MAX) {
            return Outcome.of(Kind.INVALID, "the note has " + note.length() + " characters; at most "
                    + LetterActions.NOTE_MAX);
        }
        if (DeadLetter.RESOLVED.equals(letter.status())) {
            return Outcome.of(Kind.REFUSED, "dead letter " + letter.id() + " is resolved already (" + letter.resolvedAt()
                    + (letter.resolvedBy() == null ? ", its record was delivered" : ", by " + letter.resolvedBy()) + ")");
        }
        return actions.resolve(letter, actor, note) ? Outcome.of(Kind.DONE, "dead letter " + letter.id()
                + " resolved by " + actor) : Outcome.of(Kind.REFUSED, "dead letter " + letter.id()
                + " was resolved meanwhile");
    }

    /**
     * Sets {@code field=value} assignments in the record an OPEN letter holds and marks it for retry; the edit goes
     * through every step of the flow again ({@link LetterEdit}), audited with the values before and after.
     */
    public Outcome edit(DeadLetter letter, List<String> assignments, boolean allowNewFields, String actor, String note)
            throws SQLException {
        if (!DeadLetter.OPEN.equals(letter.status())) {
            return Outcome.of(Kind.REFUSED, "dead letter " + letter.id() + " is " + letter.status()
                    + (DeadLetter.RESOLVED.equals(letter.status()) ? ": there is nothing to edit"
                    : ": its record is being sent through the flow again; edit it if it fails"));
        }
        LetterEdit.Result edit;
        try {
            edit = LetterEdit.apply(letter, assignments, allowNewFields);
            if (!actions.edit(letter, edit.payload(), Json.write(edit.changes()), actor, note)) {
                return Outcome.of(Kind.REFUSED, "dead letter " + letter.id() + " changed meanwhile (its record failed"
                        + " again or is being retried); look at it again");
            }
        } catch (IllegalArgumentException e) {
            return Outcome.of(Kind.INVALID, e.getMessage());
        }
        return new Outcome(Kind.DONE, "dead letter " + letter.id() + " edited and marked for retry; the running flow"
                + " (or the next run) sends it again: " + LetterEdit.path(letter, io.cebridge.flow.crmtoerp.CrmIngest.STAGE),
                edit.changes());
    }
}
