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
