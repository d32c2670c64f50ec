package io.cebridge.cleanse;

/**
 * Switches for {@link CustomerCleanser}: whether a USCC is mandatory, the phone region used when the
 * address country does not resolve, and whether unparseable phones reject the record or are only flagged.
 */
public record CleanseOptions(boolean usccRequired, String phoneDefaultRegion, boolean rejectInvalidPhone) {

    public static CleanseOptions defaults() {
        return new CleanseOptions(false, "CN", false);
    }
}
