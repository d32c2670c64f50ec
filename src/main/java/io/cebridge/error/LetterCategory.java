package io.cebridge.error;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What kind of action a dead letter asks of a person; {@link LetterClassifier} derives it from the reason code. */
public enum LetterCategory {
    /** The record holds a value a rule, the mapping or the target refuses: correct it (`dlq edit`) or in the source. */
    VALUE("value"),
    /** The record names something that does not exist (no parent, an unknown order line): create it or fix the id. */
    MISSING_REFERENCE("missing-reference"),
    /** Not a failure: the record waits for its parent's link or for the ERP to have what it needs, and goes by itself. */
    WAITING("waiting"),
    /** The target could not be reached or was busy when the record was written: retry once it is back. */
    CONNECTION("connection"),
    /** The target refused for its request limits: retry later. */
    RATE_LIMIT("rate-limit"),
    /** The record is bigger than a message or the target may be: shorten it in the source. */
    TOO_LARGE("too-large"),
    /** The target already holds this record under another key: merge the duplicates or resolve the letter. */
    DUPLICATE("duplicate"),
    /** The ERP document can no longer change (shipped, posted, received): change it in the ERP or resolve the letter. */
    LOCKED("locked");

    private final String label;

    LetterCategory(String label) {
        this.label = label;
    }

    /** The name shown and accepted by `dlq list --category`. */
    public String label() {
        return label;
    }

    public static Optional<LetterCategory> byLabel(String label) {
        String l = label == null ? "" : label.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(c -> c.label.equals(l)).findFirst();
    }
}
