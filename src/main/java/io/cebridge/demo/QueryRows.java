package io.cebridge.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A query result snapshot that pages can be cut from: Account rows or records of another described type. */
interface QueryRows {
    int size();

    /** Writes record {@code index} as a Salesforce REST JSON object. */
    void write(JsonGenerator json, int index, String version) throws IOException;

    /** Account rows with the selected fields. */
    record Accounts(List<AccountRow> rows, List<AccountFields.Field> fields) implements QueryRows {
        @Override
        public int size() {
            return rows.size();
        }

        @Override
        public void write(JsonGenerator json, int index, String version) throws IOException {
            RecordRenderer.write(json, rows.get(index), fields, version);
        }
    }

    /** Records of a described type with the selected fields (names as its describe spells them). */
    record Objects(String type, List<Map<String, Object>> rows, List<String> fields) implements QueryRows {
        @Override
        public int size() {
            return rows.size();
        }

        @Override
        public void write(JsonGenerator json, int index, String version) throws IOException {
            Map<String, Object> r = rows.get(index);
            json.writeStartObject();
            json.writeObjectFieldStart("attributes");
            json.writeStringField("type", type);
            json.writeStringField("url", "/services/data/" + version + "/sobjects/" + type + "/" + r.get("Id"));
            json.writeEndObject();
            for (String f : fields) {
                Object v = r.get(f);
                json.writeFieldName(f);
                if (v == null) {
                    json.writeNull();
                } else if (v instanceof BigDecimal d) {
                    json.writeNumber(d);
                } else if (v instanceof Boolean b) {
                    json.writeBoolean(b);
                } else {
                    json.writeString(v.toString());
                }
            }
            json.writeEndObject();
        }
    }
}
