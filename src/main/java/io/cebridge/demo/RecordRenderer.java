package io.cebridge.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders stored rows as Salesforce REST JSON objects: an "attributes" header, then the fields in order. */
final class RecordRenderer {

    private RecordRenderer() {
    }

    /** Renders the given fields of a row as a map; {@code version} is the path segment such as "v60.0". */
    static Map<String, Object> render(AccountRow row, List<AccountFields.Field> fields, String version) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("type", "Account");
        attributes.put("url", url(row, version));
        out.put("attributes", attributes);
        for (AccountFields.Field field : fields) {
            String value = row.get(field.index());
            out.put(field.name(), value != null && field.type() == AccountFields.Type.CURRENCY
                    ? new BigDecimal(value) : value);
        }
        return out;
    }

    /** Streams the same object as {@link #render}; query pages use this to avoid a map per record. */
    static void write(JsonGenerator json, AccountRow row, List<AccountFields.Field> fields, String version)
            throws IOException {
        json.writeStartObject();
        json.writeObjectFieldStart("attributes");
        json.writeStringField("type", "Account");
        json.writeStringField("url", url(row, version));
        json.writeEndObject();
        for (AccountFields.Field field : fields) {
            String value = row.get(field.index());
            if (value != null && field.type() == AccountFields.Type.CURRENCY) {
                // stored as a plain decimal, so the text is already the JSON number, scale included
                json.writeFieldName(field.name());
                json.writeNumber(value);
            } else {
                json.writeStringField(field.name(), value);
            }
        }
        json.writeEndObject();
    }

    private static String url(AccountRow row, String version) {
        return "/services/data/" + version + "/sobjects/Account/" + row.id();
    }
}
