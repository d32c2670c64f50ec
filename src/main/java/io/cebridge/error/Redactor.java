package io.cebridge.error;

import java.util.regex.Pattern;

/** Removes data values from driver and HTTP error text before it is logged: such text can carry customer data. */
public final class Redactor {
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern KEY_VALUE = Pattern.compile("\\)=\\([^)]*\\)");
    private static final Pattern VALUES_CLAUSE = Pattern.compile("(?i)values\\s*\\(.*?\\)");
    private static final Pattern LONG_DIGITS = Pattern.compile("\\+?\\d{6,}");

    private Redactor() {
    }

    /**
     * The text on one line: CR, LF and every other control or line-separating character as an escape (\\r, \\n,
     * \\u2028), so a value taken from outside cannot forge log lines.
     */
    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029';
            if (escape && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (!escape) {
                    out.append(c);
                } else if (c == '\r') {
                    out.append("\\r");
                } else if (c == '\n') {
                    out.append("\\n");
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return out == null ? text : out.toString();
    }

    public static String forLog(String text) {
        if (text == null) {
            return null;
        }
        String s = KEY_VALUE.matcher(text).replaceAll(")=(***)");
        s = QUOTED.matcher(s).replaceAll("'***'");
        s = VALUES_CLAUSE.matcher(s).replaceAll("VALUES (***)");
        return LONG_DIGITS.matcher(s).replaceAll("***");
    }
}
