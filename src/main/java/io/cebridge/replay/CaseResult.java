package io.cebridge.replay;

import java.util.List;

/** The outcome of replaying one case: the differences per output file (empty when everything matched). */
public record CaseResult(String flow, String name, double seconds, List<String> differences, String error) {
    public boolean passed() {
        return differences.isEmpty() && error == null;
    }
}
