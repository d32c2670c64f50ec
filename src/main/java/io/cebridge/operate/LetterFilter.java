package io.cebridge.operate;

import io.cebridge.error.LetterCategory;
import io.cebridge.store.DeadLetter;
import java.util.List;

/**
 * Which letters `dlq list` shows: failures by default (waiting records are counted, not listed), the waiting ones with
 * --waiting, one category with --category.
 */
public record LetterFilter(LetterCategory category) {
    /** The failures of {@code letters}, or those of the one category asked for. */
    public List<DeadLetter> apply(List<DeadLetter> letters) {
        return letters.stream().filter(d -> category == null ? !d.waiting() : d.category() == category).toList();
    }

    /** How many of {@code letters} wait (not resolved) and are not shown: the line under the failures. */
    public long waitingNotShown(List<DeadLetter> letters) {
        if (category != null) {
            return 0;
        }
        return letters.stream().filter(d -> d.waiting() && !DeadLetter.RESOLVED.equals(d.status())).count();
    }
}
