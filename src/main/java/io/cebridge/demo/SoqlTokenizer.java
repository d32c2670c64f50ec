package io.cebridge.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a SOQL statement of the supported subset into tokens. */
final class SoqlTokenizer {

    private static final Pattern DATE_OR_DATETIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})?)?");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final String soql;
    private int pos;

    private SoqlTokenizer(String soql) {
        this.soql = soql;
    }

    /** Returns the tokens of the statement, ending with an END token. */
    static List<SoqlToken> tokenize(String soql) {
        return new SoqlTokenizer(soql).run();
    }

    private List<SoqlToken> run() {
        List<SoqlToken> tokens = new ArrayList<>();
        while (true) {
            while (pos < soql.length() && Character.isWhitespace(soql.charAt(pos))) {
                pos++;
            }
            if (pos >= soql.length()) {
                tokens.add(new SoqlToken(SoqlToken.Kind.END, "", soql.length()));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private SoqlToken next() {
        int start = pos;
        char c = soql.charAt(pos);
        if (c == ',') {
            pos++;
            return new SoqlToken(SoqlToken.Kind.COMMA, ",", start);
        }
        if (c == '(' || c == ')') {
            pos++;
            return new SoqlToken(c == '(' ? SoqlToken.Kind.LPAREN : SoqlToken.Kind.RPAREN, String.valueOf(c), start);
        }
        if (c == '\'') {
            return string();
        }
        if (c == '=' || c == '<' || c == '>' || c == '!') {
            return operator();
        }
        if (Character.isDigit(c) || (c == '-' && pos + 1 < soql.length() && Character.isDigit(soql.charAt(pos + 1)))) {
            return numberOrDate();
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < soql.length() && isIdentifierPart(soql.charAt(pos))) {
                pos++;
            }
            return new SoqlToken(SoqlToken.Kind.IDENTIFIER, soql.substring(start, pos), start);
        }
        throw SoqlException.at(soql, start, "MALFORMED_QUERY", "unexpected token: '" + c + "'");
    }

    private static boolean isIdentifierPart(char c) {
        // Dots are kept so that relationship paths (Owner.Name) surface as one unknown field.
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    private SoqlToken operator() {
        int start = pos;
        char c = soql.charAt(pos++);
        boolean equalsFollows = pos < soql.length() && soql.charAt(pos) == '=';
        if (c == '=') {
            return new SoqlToken(SoqlToken.Kind.OPERATOR, "=", start);
        }
        if (equalsFollows) {
            pos++;
            return new SoqlToken(SoqlToken.Kind.OPERATOR, c + "=", start);
        }
        if (c == '!') {
            throw SoqlException.at(soql, start, "MALFORMED_QUERY", "unexpected token: '!'");
        }
        return new SoqlToken(SoqlToken.Kind.OPERATOR, String.valueOf(c), start);
    }

    private SoqlToken numberOrDate() {
        int start = pos;
        Matcher date = DATE_OR_DATETIME.matcher(soql).region(pos, soql.length());
        if (date.lookingAt()) {
            pos = date.end();
            SoqlToken.Kind kind = date.group(1) == null ? SoqlToken.Kind.DATE : SoqlToken.Kind.DATETIME;
            if (kind == SoqlToken.Kind.DATETIME && SalesforceDateTimes.parseOrNull(date.group()) == null) {
                throw SoqlException.at(soql, start, "MALFORMED_QUERY", "line 1:" + start
                        + " no viable alternative at character '" + date.group() + "'");
            }
            return new SoqlToken(kind, date.group(), start);
        }
        Matcher number = NUMBER.matcher(soql).region(pos, soql.length());
        if (!number.lookingAt()) {
            throw SoqlException.at(soql, start, "MALFORMED_QUERY", "unexpected token: '" + soql.charAt(pos) + "'");
        }
        pos = number.end();
        return new SoqlToken(SoqlToken.Kind.NUMBER, number.group(), start);
    }

    private SoqlToken string() {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < soql.length()) {
            char c = soql.charAt(pos++);
            if (c == '\'') {
                return new SoqlToken(SoqlToken.Kind.STRING, value.toString(), start);
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (pos >= soql.length()) {
                break;
            }
            char escaped = soql.charAt(pos++);
            switch (escaped) {
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case '\'', '"', '\\' -> value.append(escaped);
                default -> throw SoqlException.at(soql, pos - 2, "MALFORMED_QUERY",
                        "Invalid string literal '" + soql.substring(start, pos) + "'. Illegal character sequence '\\"
                                + escaped + "' in string literal.");
            }
        }
        throw SoqlException.at(soql, start, "MALFORMED_QUERY", "unterminated string literal");
    }
}
