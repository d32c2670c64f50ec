package io.cebridge.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Builds the console's server-rendered pages. Every value goes through {@link #text}: record values, reasons and
 * notes are hostile input (a CRM user can type {@code <script>} into an account name), so nothing reaches the page
 * unescaped, and the pages' Content-Security-Policy lets no inline script run even if something did.
 */
final class Html {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private final StringBuilder out = new StringBuilder(4096);

    /** Escapes the five characters that matter in element content and quoted attribute values. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** An instant as the console shows it (UTC, to the second), or a dash. */
    static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }

    /** Appends markup written in this package (never a value: those go through {@link #add}). */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Appends a value, escaped. */
    Html add(Object value) {
        out.append(text(value));
        return this;
    }

    /** {@code <tag class="cls">value</tag>}, the value escaped. */
    Html el(String tag, String cls, Object value) {
        out.append('<').append(tag);
        if (cls != null) {
            out.append(" class=\"").append(cls).append('"');
        }
        out.append('>').append(text(value)).append("</").append(tag).append('>');
        return this;
    }

    /** A link; {@code href} built from escaped parts by the caller. */
    Html link(String href, Object label) {
        out.append("<a href=\"").append(text(href)).append("\">").append(text(label)).append("</a>");
        return this;
    }

    /** A POST form's opening tag with the session's CSRF token as its first field. */
    Html form(String action, String csrf, String cls) {
        out.append("<form method=\"post\" action=\"").append(text(action)).append('"');
        if (cls != null) {
            out.append(" class=\"").append(cls).append('"');
        }
        out.append("><input type=\"hidden\" name=\"").append(Csrf.FIELD).append("\" value=\"").append(text(csrf))
                .append("\">");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
