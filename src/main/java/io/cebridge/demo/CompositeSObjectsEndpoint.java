package io.cebridge.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * sObject Collections, up to 200 records, optionally all-or-none: PATCH .../composite/sobjects (update by id),
 * POST .../composite/sobjects (create) and PATCH .../composite/sobjects/{type}/{externalIdField} (upsert).
 */
final class CompositeSObjectsEndpoint {

    static final int MAX_RECORDS = 200;

    private final CollectionPlanner planner;
    // Planning reads the stores and applying writes them; one lock keeps concurrent calls from interleaving
    // between the two (two upserts of one new external id must not both create).
    private final Object writes = new Object();

    CompositeSObjectsEndpoint(DemoAccountStore accounts, DemoObjectStore objects) {
        this.planner = new CollectionPlanner(accounts, objects);
    }

    /** Handles "composite/sobjects" (subPath empty) and "composite/sobjects/{type}/{field}". */
    void handle(HttpExchange exchange, String subPath) throws IOException {
        String method = DemoHttp.method(exchange);
        String[] parts = subPath.isEmpty() ? new String[0] : subPath.split("/");
        if (parts.length != 0 && parts.length != 2) {
            throw DemoApiException.notFound();
        }
        boolean upsert = parts.length == 2;
        if (upsert ? !method.equals("PATCH") : !method.equals("PATCH") && !method.equals("POST")) {
            throw DemoApiException.methodNotAllowed(method, upsert ? "PATCH" : "PATCH, POST");
        }
        Map<String, Object> body = DemoHttp.jsonObject(exchange);
        List<Map<String, Object>> records = records(body);
        boolean allOrNone = Boolean.TRUE.equals(body.get("allOrNone"));
        List<Map<String, Object>> results;
        synchronized (writes) {
            List<PlannedWrite> plan = new ArrayList<>();
            if (upsert) {
                plan.addAll(planner.upsert(parts[0], parts[1], records));
            } else {
                for (Map<String, Object> r : records) {
                    plan.add(method.equals("POST") ? planner.create(r) : planner.update(r));
                }
            }
            results = apply(plan, allOrNone);
        }
        DemoHttp.sendJson(exchange, 200, results);
    }

    private static List<Map<String, Object>> records(Map<String, Object> body) {
        if (!(body.get("records") instanceof List<?> records)) {
            throw new DemoApiException(400, "JSON_PARSER_ERROR", "Expected a 'records' array in the request body");
        }
        if (records.size() > MAX_RECORDS) {
            // The code and text Salesforce returns when a collection call carries more than 200 records.
            throw new DemoApiException(400, "EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than " + MAX_RECORDS + " records into this call");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object r : records) {
            if (!(r instanceof Map<?, ?>)) {
                throw new DemoApiException(400, "JSON_PARSER_ERROR", "record is not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) r;
            out.add(map);
        }
        return out;
    }

    private static List<Map<String, Object>> apply(List<PlannedWrite> plan, boolean allOrNone) {
        boolean anyFailed = plan.stream().anyMatch(p -> !p.ok());
        List<Map<String, Object>> results = new ArrayList<>();
        for (PlannedWrite p : plan) {
            Map<String, Object> result;
            if (!p.ok()) {
                result = SalesforceErrors.saveResult(p.id(), p.errors());
            } else if (allOrNone && anyFailed) {
                result = SalesforceErrors.saveResult(p.id(), List.of(SalesforceErrors.record(
                        "ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back because not all records were valid"
                                + " and the request was using AllOrNone header", List.of())));
            } else {
                result = SalesforceErrors.saveResult(p.apply().get(), List.of());
            }
            if (p.created() != null) {
                result.put("created", p.created() && Boolean.TRUE.equals(result.get("success")));
            }
            results.add(result);
        }
        return results;
    }
}
