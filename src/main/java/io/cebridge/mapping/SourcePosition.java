package io.cebridge.mapping;

/**
 * A place in a mapping file as the user's editor shows it: line and column 1-based, counted in the file as written
 * (comments included; a byte-order mark and the CR of CRLF are not columns; a column is a Unicode character), with
 * the line itself and a caret under the column, so an error can be found without counting characters.
 */
record SourcePosition(int line, int column, String lineText, String caret) {
    /** Lines longer than this are shown as a window around the column. */
    private static final int SHOWN = 160;

    /**
     * The place JSONata reports an error at: its location is the character offset just past the token it stopped at
     * (dashjoin JException.getLocation()), so the caret goes under that token's last character; at the end of the
     * expression, under the last thing written. Null when JSONata gives no location (negative).
     */
    static SourcePosition ofJsonataLocation(String source, int location) {
        if (location < 0 || source.isEmpty()) {
            return null;
        }
        int at = Math.min(location, source.length()) - 1;
        while (at > 0 && Character.isWhitespace(source.charAt(at))) {
            at--; // "before end of expression": the last character written, not the trailing newline
        }
        return ofOffset(source, Math.max(at, 0));
    }

    /** The place of the character at {@code offset} (0-based, in UTF-16 chars, as JSONata counts). */
    static SourcePosition ofOffset(String source, int offset) {
        int at = Math.max(0, Math.min(offset, source.length() - 1));
        if (at > 0 && Character.isLowSurrogate(source.charAt(at)) && Character.isHighSurrogate(source.charAt(at - 1))) {
            at--;
        }
        int lineStart = source.charAt(at) == '\n' ? source.lastIndexOf('\n', at - 1) + 1 : source.lastIndexOf('\n', at) + 1;
        int lineEnd = source.indexOf('\n', at);
        if (lineEnd < 0) {
            lineEnd = source.length();
        }
        if (lineEnd > lineStart && source.charAt(lineEnd - 1) == '\r') {
            lineEnd--;
        }
        if (lineStart == 0 && source.startsWith("\uFEFF")) {
            lineStart = 1; // an editor does not show the byte-order mark as a column
        }
        int line = 1;
        for (int i = source.indexOf('\n'); i >= 0 && i < lineStart; i = source.indexOf('\n', i + 1)) {
            line++;
        }
        int[] text = source.substring(lineStart, Math.max(lineStart, lineEnd)).codePoints().toArray();
        int column = source.codePointCount(lineStart, Math.max(lineStart, Math.min(at, lineEnd))) + 1;
        int from = 0;
        int to = text.length;
        if (text.length > SHOWN) { // a one-line (minified) mapping: show the part around the column
            from = Math.max(0, Math.min(column - 1 - SHOWN / 2, text.length - SHOWN));
            to = from + SHOWN;
        }
        StringBuilder shown = new StringBuilder(from > 0 ? "..." : "");
        StringBuilder caret = new StringBuilder(from > 0 ? "   " : "");
        for (int i = from; i < to; i++) {
            shown.appendCodePoint(text[i]);
            if (i < column - 1) {
                caret.append(text[i] == '\t' ? "\t" : wide(text[i]) ? "\u3000" : " ");
            }
        }
        if (to < text.length) {
            shown.append("...");
        }
        return new SourcePosition(line, column, shown.toString(), caret.append('^').toString());
    }

    /** A character a terminal shows two columns wide: the caret line keeps it with an ideographic space. */
    private static boolean wide(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL
                || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF60);
    }

    /** {@code file:line:column: message}, then the line and the caret, each indented. */
    String describe(String file, String message) {
        return at(file, message) + "\n    " + lineText + "\n    " + caret;
    }

    /** {@code file:line:column: message} on one line, for a dead letter or a log line. */
    String at(String file, String message) {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
