package io.cebridge.demo;

/** One lexical token of a SOQL statement, with its character offset for error carets. */
record SoqlToken(Kind kind, String text, int offset) {

    /** Token categories of the supported SOQL subset. */
    enum Kind { IDENTIFIER, STRING, NUMBER, DATETIME, DATE, COMMA, LPAREN, RPAREN, OPERATOR, END }

    /** True for an identifier equal to the keyword, ignoring case as SOQL does. */
    boolean isKeyword(String keyword) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    /** How the token is quoted in "unexpected token" messages. */
    String display() {
        return kind == Kind.END ? "<EOF>" : text;
    }
}
