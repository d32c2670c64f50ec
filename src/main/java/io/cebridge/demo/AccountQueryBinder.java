package io.cebridge.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Checks a parsed SOQL statement against the Account schema and turns it into an executable {@link AccountQuery}. */
final class AccountQueryBinder {

    private static final String ENTITY = "Account";

    private final SoqlQuery query;

    private AccountQueryBinder(SoqlQuery query) {
        this.query = query;
    }

    /** Parses and binds a SOQL statement; throws {@link SoqlException} with the Salesforce error code. */
    static AccountQuery bind(String soql) {
        return bind(SoqlParser.parse(soql));
    }

    /** Binds an already parsed statement. */
    static AccountQuery bind(SoqlQuery query) {
        return new AccountQueryBinder(query).bind();
    }

    private AccountQuery bind() {
        if (!query.entity().text().equalsIgnoreCase(ENTITY)) {
            throw SoqlException.at(query.text(), query.entity().offset(), "INVALID_TYPE",
                    SalesforceErrors.unsupportedType(query.entity().text()));
        }
        List<AccountFields.Field> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SoqlQuery.Name name : query.select()) {
            AccountFields.Field field = field(name);
            if (!seen.add(field.name())) {
                throw SoqlException.at(query.text(), name.offset(), "MALFORMED_QUERY",
                        "duplicate field selected: " + field.name());
            }
            fields.add(field);
        }
        Predicate<AccountRow> filter = row -> true;
        String modstampFrom = null;
        for (SoqlQuery.Condition condition : query.where()) {
            AccountFields.Field field = field(condition.field());
            if (condition.operator().equals("IN")) {
                Predicate<AccountRow> any = row -> false;
                for (SoqlToken token : condition.literals()) {
                    any = any.or(SoqlComparisons.predicate(field, "=", literal(field, token)));
                }
                filter = filter.and(any);
                continue;
            }
            Object literal = literal(field, condition.literal());
            filter = filter.and(SoqlComparisons.predicate(field, condition.operator(), literal));
            if (field.name().equals(AccountFields.SYSTEM_MODSTAMP) && literal != null
                    && List.of("=", ">", ">=").contains(condition.operator())) {
                String bound = (String) literal;
                modstampFrom = modstampFrom == null || bound.compareTo(modstampFrom) > 0 ? bound : modstampFrom;
            }
        }
        Comparator<AccountRow> order = null;
        List<String> orderFields = new ArrayList<>();
        boolean allAscending = true;
        for (SoqlQuery.Order item : query.orderBy()) {
            AccountFields.Field field = field(item.field());
            boolean nullsFirst = item.nullsFirst() != null ? item.nullsFirst() : !item.descending();
            Comparator<AccountRow> next = SoqlComparisons.comparator(field, item.descending(), nullsFirst);
            order = order == null ? next : order.thenComparing(next);
            orderFields.add(field.name());
            allAscending &= !item.descending();
        }
        // SystemModstamp and Id are never null, so NULLS FIRST/LAST cannot change this order.
        boolean modstampOrder = allAscending && (orderFields.equals(List.of(AccountFields.SYSTEM_MODSTAMP))
                || orderFields.equals(List.of(AccountFields.SYSTEM_MODSTAMP, AccountFields.ID)));
        int limit = query.limit() == null ? Integer.MAX_VALUE : query.limit();
        return new AccountQuery(List.copyOf(fields), filter, order, modstampOrder, modstampFrom, limit);
    }

    private AccountFields.Field field(SoqlQuery.Name name) {
        return AccountFields.find(name.text()).orElseThrow(() -> SoqlException.at(query.text(), name.offset(),
                "INVALID_FIELD", AccountFields.noSuchColumn(name.text())));
    }

    // Converts the literal to the stored representation so comparisons need no parsing per row.
    private Object literal(AccountFields.Field field, SoqlToken token) {
        if (token.isKeyword("null")) {
            return null;
        }
        switch (field.type()) {
            case DATETIME -> {
                if (token.kind() != SoqlToken.Kind.DATETIME) {
                    throw typeError(field, token, "dateTime and should not be enclosed in quotes");
                }
                return SalesforceDateTimes.format(SalesforceDateTimes.parseOrNull(token.text()));
            }
            case ID -> {
                if (token.kind() != SoqlToken.Kind.STRING) {
                    throw typeError(field, token, "id and should be enclosed in quotes");
                }
                if (!SalesforceIds.isWellFormed(token.text())) {
                    throw SoqlException.at(query.text(), token.offset(), "INVALID_QUERY_FILTER_OPERATOR",
                            "invalid ID field: " + token.text());
                }
                return SalesforceIds.normalise(token.text());
            }
            case CURRENCY -> {
                if (token.kind() != SoqlToken.Kind.NUMBER) {
                    throw typeError(field, token, "double and should not be enclosed in quotes");
                }
                return new java.math.BigDecimal(token.text()).toPlainString();
            }
            case DATE -> {
                if (token.kind() != SoqlToken.Kind.DATE) {
                    throw typeError(field, token, "date and should not be enclosed in quotes");
                }
                return token.text();
            }
            default -> {
                if (token.kind() != SoqlToken.Kind.STRING) {
                    throw typeError(field, token, "string and should be enclosed in quotes");
                }
                return token.text();
            }
        }
    }

    private SoqlException typeError(AccountFields.Field field, SoqlToken token, String expectation) {
        return SoqlException.at(query.text(), token.offset(), "INVALID_FIELD",
                "value of filter criterion for field '" + field.name() + "' must be of type " + expectation);
    }
}
