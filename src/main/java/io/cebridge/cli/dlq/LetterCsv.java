package io.cebridge.cli.dlq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes rows as RFC 4180 CSV: CRLF line ends, a field quoted when it holds a comma, a double quote, CR or LF, and a
 * double quote inside doubled. No CSV library is on the class path and these few rules are all export needs.
 */
public final class LetterCsv {
    private final Writer out;

    public LetterCsv(Writer out) {
        this.out = out;
    }

    public void row(List<?> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(fields.get(i)));
        }
        try {
            out.write(line.append("\r\n").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One field: as it is, or quoted with inner quotes doubled; null is the empty field. */
    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
