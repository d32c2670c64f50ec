package io.cebridge.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET .../sobjects/{type}/describe: the describe body of a type the demo org has metadata for (Account from its typed
 * fields, the others from {@code /demo/describe/}), so a client can check what it writes before it writes; any other
 * type is answered 404 NOT_FOUND as Salesforce answers an sObject it does not have.
 */
final class DescribeEndpoint {

    private DescribeEndpoint() {
    }

    static void handle(HttpExchange exchange, String type) throws IOException {
        String method = DemoHttp.method(exchange);
        if (!method.equals("GET")) {
            throw DemoApiException.methodNotAllowed(method, "GET");
        }
        if (type.equalsIgnoreCase("Account")) {
            DemoHttp.sendJson(exchange, 200, account());
            return;
        }
        SObjectDescribe describe = DescribeCatalog.find(type).orElseThrow(() -> new DemoApiException(404, "NOT_FOUND",
                "The requested resource does not exist"));
        DemoHttp.sendJson(exchange, 200, describe.body());
    }

    /** Account's describe body, from the demo CRM's typed Account fields. */
    static Map<String, Object> account() {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (AccountFields.Field f : AccountFields.all()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", f.name());
            out.put("type", f.type() != AccountFields.Type.ID ? f.type().name().toLowerCase(java.util.Locale.ROOT)
                    : f.name().equals(AccountFields.ID) ? "id" : "reference");
            out.put("length", f.type() == AccountFields.Type.STRING || f.type() == AccountFields.Type.ID
                    ? f.maxLength() : 0);
            out.put("createable", f.writable());
            out.put("updateable", f.writable());
            out.put("nillable", !f.name().equals(AccountFields.NAME) && f.writable());
            out.put("externalId", f.name().equals(AccountFields.ERP_CUSTOMER_NO));
            fields.add(out);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Account");
        body.put("keyPrefix", "001");
        body.put("fields", fields);
        return body;
    }
}
