package io.cebridge.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Single-record Account operations: POST .../sobjects/Account, GET and PATCH .../sobjects/Account/{id}. */
final class SObjectEndpoint {

    private final DemoAccountStore store;

    SObjectEndpoint(DemoAccountStore store) {
        this.store = store;
    }

    /** Handles the path below "sobjects/", e.g. "Account" or "Account/001...". */
    void handle(HttpExchange exchange, String version, String subPath) throws IOException {
        String[] parts = subPath.split("/");
        if (!parts[0].equalsIgnoreCase("Account") || parts.length > 2) {
            throw DemoApiException.notFound();
        }
        String method = DemoHttp.method(exchange);
        if (parts.length == 1) {
            if (!method.equals("POST")) {
                throw DemoApiException.methodNotAllowed(method, "POST");
            }
            create(exchange, version);
            return;
        }
        switch (method) {
            case "GET" -> get(exchange, version, parts[1]);
            case "PATCH" -> update(exchange, parts[1]);
            default -> throw DemoApiException.methodNotAllowed(method, "GET,PATCH");
        }
    }

    private void create(HttpExchange exchange, String version) throws IOException {
        AccountWriteValidator.Result result = AccountWriteValidator.validate(DemoHttp.jsonObject(exchange), true);
        if (!result.ok()) {
            sendSaveErrors(exchange, result.errors());
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>(result.changes());
        fields.put(AccountFields.LAST_MODIFIED_BY_ID, DemoSalesforceServer.INTEGRATION_USER_ID);
        String id = (String) store.create(fields).get(AccountFields.ID);
        exchange.getResponseHeaders().set("Location", "/services/data/" + version + "/sobjects/Account/" + id);
        DemoHttp.sendJson(exchange, 201, SalesforceErrors.saveResult(id, List.of()));
    }

    private void get(HttpExchange exchange, String version, String id) throws IOException {
        AccountRow row = find(id).orElseThrow(DemoApiException::notFound);
        List<AccountFields.Field> fields = new ArrayList<>();
        String requested = DemoHttp.queryParams(exchange).get("fields");
        if (requested == null || requested.isBlank()) {
            fields.addAll(AccountFields.all());
        } else {
            for (String name : requested.split(",")) {
                AccountFields.Field field = AccountFields.find(name.trim()).orElseThrow(() ->
                        new DemoApiException(400, "INVALID_FIELD", AccountFields.noSuchColumn(name.trim())));
                fields.add(field);
            }
        }
        DemoHttp.sendJson(exchange, 200, RecordRenderer.render(row, fields, version));
    }

    private void update(HttpExchange exchange, String id) throws IOException {
        Map<String, Object> body = DemoHttp.jsonObject(exchange);
        AccountRow row = find(id).orElseThrow(DemoApiException::notFound);
        AccountWriteValidator.Result result = AccountWriteValidator.validate(body, false);
        if (!result.ok()) {
            sendSaveErrors(exchange, result.errors());
            return;
        }
        store.update(row.id(), result.changes(), DemoSalesforceServer.INTEGRATION_USER_ID);
        DemoHttp.sendNoContent(exchange);
    }

    private Optional<AccountRow> find(String id) {
        return SalesforceIds.isWellFormed(id) ? store.find(id) : Optional.empty();
    }

    private static void sendSaveErrors(HttpExchange exchange, List<Map<String, Object>> errors) throws IOException {
        List<Map<String, Object>> body = new ArrayList<>();
        errors.forEach(e -> body.add(SalesforceErrors.asApiError(e)));
        DemoHttp.sendJson(exchange, 400, body);
    }
}
