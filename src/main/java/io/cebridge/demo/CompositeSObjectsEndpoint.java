package io.cebridge.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PATCH .../composite/sobjects: sObject Collections update of up to 200 Accounts, optionally all-or-none. */
final class CompositeSObjectsEndpoint {

    static final int MAX_RECORDS = 200;

    private final DemoAccountStore store;

    CompositeSObjectsEndpoint(DemoAccountStore store) {
        this.store = store;
    }

    void handle(HttpExchange exchange) throws IOException {
        String method = DemoHttp.method(exchange);
        if (!method.equals("PATCH")) {
            throw DemoApiException.methodNotAllowed(method, "PATCH");
        }
        Map<String, Object> body = DemoHttp.jsonObject(exchange);
        if (!(body.get("records") instanceof List<?> records)) {
            throw new DemoApiException(400, "JSON_PARSER_ERROR", "Expected a 'records' array in the request body");
        }
        if (records.size() > MAX_RECORDS) {
            // The code and text Salesforce returns when a collection call carries more than 200 records.
            throw new DemoApiException(400, "EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than " + MAX_RECORDS + " records into this call");
        }
        boolean allOrNone = Boolean.TRUE.equals(body.get("allOrNone"));
        List<Planned> plan = new ArrayList<>();
        for (Object record : records) {
            plan.add(plan(record));
        }
        boolean anyFailed = plan.stream().anyMatch(p -> !p.errors.isEmpty());
        List<Map<String, Object>> results = new ArrayList<>();
        for (Planned p : plan) {
            if (!p.errors.isEmpty()) {
                results.add(SalesforceErrors.saveResult(p.id, p.errors));
            } else if (allOrNone && anyFailed) {
                results.add(SalesforceErrors.saveResult(p.id, List.of(SalesforceErrors.record(
                        "ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back because not all records were valid"
                                + " and the request was using AllOrNone header", List.of()))));
            } else {
                // Nothing was written before this point, so an all-or-none failure needs no undo.
                store.update(p.id, p.changes, DemoSalesforceServer.INTEGRATION_USER_ID);
                results.add(SalesforceErrors.saveResult(p.id, List.of()));
            }
        }
        DemoHttp.sendJson(exchange, 200, results);
    }

    /** The validated intent for one record of the request. */
    private record Planned(String id, Map<String, Object> changes, List<Map<String, Object>> errors) {
    }

    private Planned plan(Object element) {
        if (!(element instanceof Map<?, ?> raw)) {
            return new Planned(null, Map.of(), List.of(SalesforceErrors.record("JSON_PARSER_ERROR",
                    "record is not a JSON object", List.of())));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        Object id = null;
        for (Map.Entry<?, ?> entry : raw.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (key.equalsIgnoreCase(AccountFields.ID)) {
                id = entry.getValue();
            } else {
                fields.put(key, entry.getValue());
            }
        }
        if (id == null || id.toString().isEmpty()) {
            return new Planned(null, Map.of(), List.of(SalesforceErrors.record("MISSING_ARGUMENT",
                    "Id not specified in an update call", List.of())));
        }
        String given = id.toString();
        if (!SalesforceIds.isWellFormed(given)) {
            return new Planned(given, Map.of(), List.of(SalesforceErrors.record("MALFORMED_ID",
                    "malformed id " + given, List.of(AccountFields.ID))));
        }
        AccountRow row = store.find(given).orElse(null);
        if (row == null) {
            return new Planned(given, Map.of(), List.of(SalesforceErrors.record("INVALID_CROSS_REFERENCE_KEY",
                    "invalid cross reference id", List.of())));
        }
        AccountWriteValidator.Result result = AccountWriteValidator.validate(fields, false);
        return new Planned(row.id(), result.changes(), result.errors());
    }
}
