package io.cebridge.demo;

import java.util.List;

/** Parsed (not yet schema-checked) form of a SOQL statement of the supported subset. */
record SoqlQuery(String text, List<Name> select, Name entity, List<Condition> where, List<Order> orderBy,
        Integer limit) {

    /** A field or entity name as written, with its offset for error carets. */
    record Name(String text, int offset) {
    }

    /**
     * {@code field op literal}, or {@code field IN (literal, ...)} with operator "IN"; literal tokens keep their kind
     * so the binder can type-check them.
     */
    record Condition(Name field, String operator, List<SoqlToken> literals) {
        Condition(Name field, String operator, SoqlToken literal) {
            this(field, operator, List.of(literal));
        }

        /** The single literal of a comparison (the first of an IN list). */
        SoqlToken literal() {
            return literals.get(0);
        }
    }

    /** One ORDER BY item; {@code nullsFirst} is null when the statement leaves it to the default. */
    record Order(Name field, boolean descending, Boolean nullsFirst) {
    }
}
