package io.cebridge.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * A schema-checked SOQL query over the demo Account table, ready to run against the store.
 *
 * @param fields selected fields in select order
 * @param filter the WHERE clause
 * @param order the ORDER BY clause, or null when the statement has none
 * @param modstampOrder true when the order is (SystemModstamp ASC[, Id ASC]), which the store's index already has
 * @param modstampFrom lowest SystemModstamp the WHERE clause admits (formatted), or null
 * @param limit LIMIT, or Integer.MAX_VALUE
 */
record AccountQuery(List<AccountFields.Field> fields, Predicate<AccountRow> filter, Comparator<AccountRow> order,
        boolean modstampOrder, String modstampFrom, int limit) {

    /** Runs the query: the snapshot a cursor pages over. */
    QueryRows run(DemoAccountStore store) {
        return new QueryRows.Accounts(execute(store), fields);
    }

    /** Runs the query and returns the matching (immutable) rows: the snapshot a cursor pages over. */
    List<AccountRow> execute(DemoAccountStore store) {
        if (modstampOrder) {
            return store.scanByModstamp(modstampFrom, filter, limit);
        }
        List<AccountRow> rows = store.scanById(filter);
        if (order != null) {
            // List.sort is stable and rows arrive in Id order, so ties keep a deterministic Id order.
            rows.sort(order);
        }
        return rows.size() > limit ? new ArrayList<>(rows.subList(0, limit)) : rows;
    }
}
