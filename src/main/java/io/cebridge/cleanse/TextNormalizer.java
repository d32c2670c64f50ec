package io.cebridge.cleanse;

/** Whitespace and full-width/half-width clean-up for free text coming out of CRMs, Excel and web forms. */
public final class TextNormalizer {

    private static final char FULLWIDTH_FIRST = '\uFF01';
    private static final char FULLWIDTH_LAST = '\uFF5E';
    private static final int FULLWIDTH_OFFSET = 0xFEE0;
    private static final char IDEOGRAPHIC_SPACE = '\u3000';

    private TextNormalizer() {
    }

    /** trim + collapse runs of whitespace (incl. U+3000 ideographic space, U+00A0 NBSP, tabs, newlines) into one ASCII space; null -> null. */
    public static String collapseWhitespace(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /** full-width ASCII variants U+FF01..U+FF5E -> U+0021..U+007E and U+3000 -> ' '; everything else unchanged; null -> null. For codes and digits only, never for names. */
    public static String toHalfWidth(String s) {
        if (s == null) {
            return null;
        }
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c >= FULLWIDTH_FIRST && c <= FULLWIDTH_LAST) {
                chars[i] = (char) (c - FULLWIDTH_OFFSET);
            } else if (c == IDEOGRAPHIC_SPACE) {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }

    /** Removes leading and trailing whitespace in the same wide sense as {@link #collapseWhitespace}, keeping inner characters. */
    static String strip(String s) {
        if (s == null) {
            return null;
        }
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    static boolean isBlank(String s) {
        return s == null || strip(s).isEmpty();
    }

    // Character.isWhitespace deliberately excludes no-break spaces (U+00A0, U+2007, U+202F), which pasted
    // CRM data is full of, so the Unicode space-separator category is checked as well.
    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }
}
