package io.cebridge.demo;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The demo CRM's single JSON codec (Jackson), reading request bodies and writing response bodies. */
final class DemoJson {

    // Numbers keep their digits both ways: a currency sent as 12345.60 is read as that BigDecimal (not a double)
    // and written back as 12345.60, as Salesforce stores and returns it.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() { };

    private DemoJson() {
    }

    /** Parses a JSON object; throws {@link JsonProcessingException} subclasses on bad input. */
    static Map<String, Object> readMap(byte[] json) throws IOException {
        Map<String, Object> map = MAPPER.readValue(json, MAP);
        if (map == null) {
            throw new IOException("JSON body is null");
        }
        return map;
    }

    /** Parses a JSON array of objects. */
    static List<Map<String, Object>> readList(byte[] json) throws IOException {
        return MAPPER.readValue(json, LIST);
    }

    /** A UTF-8 streaming generator over the stream, for responses too large to build as maps. */
    static JsonGenerator generator(OutputStream out) throws IOException {
        return MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
    }

    /** Serialises a value to UTF-8 JSON. */
    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
