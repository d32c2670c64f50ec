package io.cebridge.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Writes JSON answers of the HTTP API (ApiServer marks every answer Cache-Control: no-store); BigDecimal goes out as a
 * plain JSON number with its scale (12.30).
 */
final class ApiResponses {
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private ApiResponses() {
    }

    static void json(Exchange exchange, int status, Object body) {
        try {
            // HEAD: the status and headers of the GET, no body
            boolean head = "HEAD".equals(exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class));
            exchange.getMessage().setBody(head ? "" : JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON answer", e);
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
    }

    static void error(Exchange exchange, int status, String message) {
        json(exchange, status, Map.of("status", status, "error", message));
    }
}
