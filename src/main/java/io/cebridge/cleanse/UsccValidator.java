package io.cebridge.cleanse;

import java.util.Locale;
import java.util.regex.Pattern;

/** Normalises and validates Chinese unified social credit codes (USCC, 统一社会信用代码) per GB 32100-2015. */
public final class UsccValidator {

    /** GB 32100-2015 table 1: the character at index i has value i. */
    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final int LENGTH = 18;
    private static final int MODULUS = 31;
    /** W_i = 3^(i-1) mod 31 for i = 1..17. */
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final Pattern FORMAT =
            Pattern.compile("^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$");
    private static final String EXCLUDED_LETTERS = "IOSVZ";
    // Positions 3-8 (1-based) are the GB/T 2260 administrative-division code of the registering authority.
    private static final int REGION_FIRST = 3;
    private static final int REGION_LAST = 8;

    private UsccValidator() {
    }

    /** normalise: trim, toHalfWidth, upper-case. Does not remove inner characters. null -> null */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        // Half-width first so that a leading/trailing U+3000 is trimmed too.
        return TextNormalizer.strip(TextNormalizer.toHalfWidth(raw)).toUpperCase(Locale.ROOT);
    }

    /** format = 18 chars matching ^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$ ; then GB 32100 check char */
    public static UsccStatus check(String normalized) {
        if (normalized == null || !FORMAT.matcher(normalized).matches()) {
            return UsccStatus.FORMAT_INVALID;
        }
        char expected = expectedCheckChar(normalized.substring(0, LENGTH - 1));
        return normalized.charAt(LENGTH - 1) == expected ? UsccStatus.VALID : UsccStatus.CHECK_FAILED;
    }

    /** the correct 18th char for the first 17 chars (which must be of the charset) */
    public static char expectedCheckChar(String first17) {
        if (first17 == null || first17.length() != LENGTH - 1) {
            throw new IllegalArgumentException("expected the first 17 characters of a USCC, got "
                    + (first17 == null ? "null" : first17.length() + " characters: '" + first17 + "'"));
        }
        int sum = 0;
        for (int i = 0; i < first17.length(); i++) {
            int value = CHARSET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("character '" + first17.charAt(i) + "' at position " + (i + 1)
                        + " of '" + first17 + "' is not in the GB 32100 charset " + CHARSET);
            }
            sum += value * WEIGHTS[i];
        }
        // The standard maps a result of 31 to value 0.
        int checkValue = (MODULUS - sum % MODULUS) % MODULUS;
        return CHARSET.charAt(checkValue);
    }

    /** human-readable reason why format is invalid, e.g. "has 17 characters, needs 18" or "character 'I' at position 5 is not allowed (GB 32100 charset excludes I, O, S, V, Z)"; null when format is fine */
    public static String formatProblem(String normalized) {
        if (normalized == null) {
            return "is missing, needs 18 characters";
        }
        int[] codePoints = normalized.codePoints().toArray();
        if (codePoints.length != LENGTH) {
            return "has " + codePoints.length + (codePoints.length == 1 ? " character" : " characters")
                    + ", needs " + LENGTH;
        }
        for (int i = 0; i < LENGTH; i++) {
            int c = codePoints[i];
            int position = i + 1;
            if (EXCLUDED_LETTERS.indexOf(c) >= 0) {
                return "character " + describe(c) + " at position " + position
                        + " is not allowed (GB 32100 charset excludes I, O, S, V, Z)";
            }
            boolean regionPart = position >= REGION_FIRST && position <= REGION_LAST;
            if (regionPart && (c < '0' || c > '9')) {
                return "character " + describe(c) + " at position " + position
                        + " is not allowed (positions 3-8 are the administrative-division code and must be digits)";
            }
            if (!regionPart && CHARSET.indexOf(c) < 0) {
                return "character " + describe(c) + " at position " + position
                        + " is not allowed (GB 32100 allows only 0-9 and A-H, J-N, P, Q, R, T, U, W, X, Y)";
            }
        }
        return null;
    }

    // Invisible characters are the usual culprits in pasted codes, so name them instead of printing them.
    private static String describe(int c) {
        if (c == ' ') {
            return "' ' (space)";
        }
        if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT) {
            return String.format("U+%04X", c);
        }
        return "'" + new String(Character.toChars(c)) + "'";
    }
}
