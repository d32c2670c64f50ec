package io.cebridge.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Binds a parsed SOQL statement to a type of the {@link DemoObjectStore}: its fields are those of the type's describe
 * ({@link DescribeCatalog}), whether a record fills them or not; any other field is INVALID_FIELD and a type the org
 * does not have INVALID_TYPE, as in Salesforce. A type nothing was written to yet answers with no rows.
 */
final class ObjectQueryBinder {

    /** A bound query; {@link #run} takes the snapshot. */
    record ObjectQuery(String type, DemoObjectStore store, List<String> fields, Predicate<Map<String, Object>> filter,
            Comparator<Map<String, Object>> order, int limit) {
        QueryRows run() {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> r : store.scan(type)) {
                if (filter.test(r)) {
                    rows.add(r);
                }
            }
            if (order != null) {
                rows.sort(order);
            }
            return new QueryRows.Objects(type, rows.size() > limit ? rows.subList(0, limit) : rows, fields);
        }
    }

    private final SoqlQuery query;
    private final SObjectDescribe describe;

    private ObjectQueryBinder(SoqlQuery query, SObjectDescribe describe) {
        this.query = query;
        this.describe = describe;
    }

    static ObjectQuery bind(SoqlQuery query, DemoObjectStore store) {
        SObjectDescribe describe = DescribeCatalog.find(query.entity().text()).orElseThrow(() -> SoqlException.at(
                query.text(), query.entity().offset(), "INVALID_TYPE",
                SalesforceErrors.unsupportedType(query.entity().text())));
        return new ObjectQueryBinder(query, describe).bind(store);
    }

    private ObjectQuery bind(DemoObjectStore store) {
        String type = describe.name();
        Set<String> fields = new LinkedHashSet<>();
        for (SoqlQuery.Name name : query.select()) {
            if (!fields.add(field(name))) {
                throw SoqlException.at(query.text(), name.offset(), "MALFORMED_QUERY",
                        "duplicate field selected: " + name.text());
            }
        }
        Predicate<Map<String, Object>> filter = r -> true;
        for (SoqlQuery.Condition c : query.where()) {
            String field = field(c.field());
            if (c.operator().equals("IN")) {
                Predicate<Map<String, Object>> any = r -> false;
                for (SoqlToken token : c.literals()) {
                    any = any.or(predicate(field, "=", literal(field, token)));
                }
                filter = filter.and(any);
            } else {
                filter = filter.and(predicate(field, c.operator(), literal(field, c.literal())));
            }
        }
        Comparator<Map<String, Object>> order = null;
        for (SoqlQuery.Order item : query.orderBy()) {
            String field = field(item.field());
            Comparator<Object> values = item.descending() ? SObjectValues.ORDER.reversed() : SObjectValues.ORDER;
            boolean nullsFirst = item.nullsFirst() != null ? item.nullsFirst() : !item.descending();
            Comparator<Object> withNulls = nullsFirst ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
            Comparator<Map<String, Object>> next = (a, b) -> withNulls.compare(a.get(field), b.get(field));
            order = order == null ? next : order.thenComparing(next);
        }
        int limit = query.limit() == null ? Integer.MAX_VALUE : query.limit();
        return new ObjectQuery(type, store, List.copyOf(fields), filter, order, limit);
    }

    private String field(SoqlQuery.Name name) {
        return describe.field(name.text()).map(SObjectDescribe.Field::name).orElseThrow(() -> SoqlException.at(
                query.text(), name.offset(), "INVALID_FIELD", "No such column '" + name.text() + "' on entity '"
                        + describe.name() + "'. If you are attempting to use a custom field, be sure to append the"
                        + " '__c' after the custom field name. Please reference your WSDL or the describe call for the"
                        + " appropriate names."));
    }

    // Literals in the form values are stored in (see SObjectValues), so comparisons need no per-row parsing.
    private static Object literal(String field, SoqlToken token) {
        if (token.isKeyword("null")) {
            return null;
        }
        if (token.isKeyword("true") || token.isKeyword("false")) {
            return Boolean.valueOf(token.text().toLowerCase(java.util.Locale.ROOT));
        }
        return switch (token.kind()) {
            case NUMBER -> new BigDecimal(token.text());
            case DATETIME -> SalesforceDateTimes.format(SalesforceDateTimes.parseOrNull(token.text()));
            // ids are stored in 18-character form; only id fields, as other text may happen to look like an id
            case STRING -> field.endsWith("Id") && SalesforceIds.isWellFormed(token.text())
                    ? SalesforceIds.normalise(token.text()) : token.text();
            default -> token.text(); // DATE: yyyy-MM-dd, as dates are stored
        };
    }

    private static Predicate<Map<String, Object>> predicate(String field, String operator, Object literal) {
        return r -> {
            Object value = r.get(field);
            if (literal == null || value == null) {
                boolean bothNull = literal == null && value == null;
                return operator.equals("=") ? bothNull : operator.equals("!=") && !bothNull;
            }
            int cmp = SObjectValues.ORDER.compare(value, literal);
            return SoqlComparisons.holds(operator, cmp);
        };
    }
}
