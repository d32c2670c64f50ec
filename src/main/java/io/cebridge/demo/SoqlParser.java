package io.cebridge.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code SELECT f, ... FROM X [WHERE c AND ...]} where c is {@code f op literal} or {@code f IN (literal, ...)},
 * then {@code [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], ...] [LIMIT n]}.
 * Anything outside that subset is rejected as MALFORMED_QUERY, as Salesforce would for a syntax error.
 */
final class SoqlParser {

    private static final String MALFORMED = "MALFORMED_QUERY";

    private final String soql;
    private final List<SoqlToken> tokens;
    private int index;

    private SoqlParser(String soql) {
        this.soql = soql;
        this.tokens = SoqlTokenizer.tokenize(soql);
    }

    /** Parses the statement. */
    static SoqlQuery parse(String soql) {
        return new SoqlParser(soql).statement();
    }

    private SoqlQuery statement() {
        expectKeyword("SELECT");
        List<SoqlQuery.Name> select = new ArrayList<>();
        do {
            select.add(name());
        } while (acceptComma());
        expectKeyword("FROM");
        SoqlQuery.Name entity = name();
        List<SoqlQuery.Condition> where = new ArrayList<>();
        if (acceptKeyword("WHERE")) {
            do {
                where.add(condition());
            } while (acceptKeyword("AND"));
        }
        List<SoqlQuery.Order> orderBy = new ArrayList<>();
        if (acceptKeyword("ORDER")) {
            expectKeyword("BY");
            do {
                orderBy.add(order());
            } while (acceptComma());
        }
        Integer limit = null;
        if (acceptKeyword("LIMIT")) {
            SoqlToken n = next();
            if (n.kind() != SoqlToken.Kind.NUMBER || !n.text().matches("\\d+")) {
                throw unexpected(n);
            }
            try {
                limit = Integer.valueOf(n.text());
            } catch (NumberFormatException e) {
                throw SoqlException.at(soql, n.offset(), MALFORMED, "LIMIT must be a non-negative integer");
            }
        }
        SoqlToken end = next();
        if (end.kind() != SoqlToken.Kind.END) {
            throw unexpected(end);
        }
        return new SoqlQuery(soql, List.copyOf(select), entity, List.copyOf(where), List.copyOf(orderBy), limit);
    }

    private SoqlQuery.Condition condition() {
        SoqlQuery.Name field = name();
        if (acceptKeyword("IN")) {
            SoqlToken open = next();
            if (open.kind() != SoqlToken.Kind.LPAREN) {
                throw unexpected(open);
            }
            List<SoqlToken> values = new ArrayList<>();
            do {
                values.add(literal());
            } while (acceptComma());
            SoqlToken close = next();
            if (close.kind() != SoqlToken.Kind.RPAREN) {
                throw unexpected(close);
            }
            return new SoqlQuery.Condition(field, "IN", List.copyOf(values));
        }
        SoqlToken op = next();
        if (op.kind() != SoqlToken.Kind.OPERATOR) {
            throw unexpected(op);
        }
        return new SoqlQuery.Condition(field, op.text(), literal());
    }

    private SoqlToken literal() {
        SoqlToken literal = next();
        switch (literal.kind()) {
            case STRING, NUMBER, DATETIME, DATE -> {
                return literal;
            }
            case IDENTIFIER -> {
                if (literal.isKeyword("null") || literal.isKeyword("true") || literal.isKeyword("false")) {
                    return literal;
                }
                throw unexpected(literal);
            }
            default -> throw unexpected(literal);
        }
    }

    private SoqlQuery.Order order() {
        SoqlQuery.Name field = name();
        boolean descending = false;
        if (acceptKeyword("DESC")) {
            descending = true;
        } else {
            acceptKeyword("ASC");
        }
        Boolean nullsFirst = null;
        if (acceptKeyword("NULLS")) {
            if (acceptKeyword("FIRST")) {
                nullsFirst = true;
            } else if (acceptKeyword("LAST")) {
                nullsFirst = false;
            } else {
                throw unexpected(peek());
            }
        }
        return new SoqlQuery.Order(field, descending, nullsFirst);
    }

    private SoqlQuery.Name name() {
        SoqlToken token = next();
        if (token.kind() != SoqlToken.Kind.IDENTIFIER || isReserved(token)) {
            throw unexpected(token);
        }
        return new SoqlQuery.Name(token.text(), token.offset());
    }

    private static boolean isReserved(SoqlToken token) {
        for (String keyword : List.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "ORDER", "BY", "LIMIT",
                "NULL", "TRUE", "FALSE")) {
            if (token.isKeyword(keyword)) {
                return true;
            }
        }
        return false;
    }

    private boolean acceptComma() {
        if (peek().kind() == SoqlToken.Kind.COMMA) {
            index++;
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            index++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String keyword) {
        SoqlToken token = next();
        if (!token.isKeyword(keyword)) {
            throw unexpected(token);
        }
    }

    private SoqlToken peek() {
        return tokens.get(index);
    }

    private SoqlToken next() {
        SoqlToken token = tokens.get(index);
        if (token.kind() != SoqlToken.Kind.END) {
            index++;
        }
        return token;
    }

    private SoqlException unexpected(SoqlToken token) {
        return SoqlException.at(soql, token.offset(), MALFORMED, "unexpected token: '" + token.display() + "'");
    }
}
