package io.cebridge.cleanse;

import java.util.List;
import java.util.Map;

/** The cleansed customer record together with the warnings (flags) and blocking problems (rejections) found on the way. */
public record CleanseResult(Map<String, Object> record, List<String> flags, List<Rejection> rejections) {

    public CleanseResult {
        flags = List.copyOf(flags);
        rejections = List.copyOf(rejections);
    }

    public boolean rejected() {
        return !rejections.isEmpty();
    }
}
