package io.cebridge.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/** The one JSON mapper of ce-bridge (a bottom package: connectors, flows and tools share it): canonical events are plain JSON objects; duplicate keys are refused, not merged. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // money keeps its scale in JSON trees too (450.00, not 4.5E+2): recordings show what the CRM is sent
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    // resolved once: readValue(json, MAP) resolves the type on every call (once per Kafka event in delivery)
    private static final com.fasterxml.jackson.databind.ObjectReader MAP_READER = MAPPER.readerFor(MAP);

    private Json() {
    }

    public static String write(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + o.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes decimals in the notation they were read in (1E+999999999 stays so): for keeping a record whose numbers
     * cannot be written out as plain digits (see {@link Numbers}), e.g. in a dead letter, without changing it.
     */
    public static String writeAsRead(Object o) {
        try {
            return MAPPER.writer().without(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + o.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static Map<String, Object> readMap(String json) throws JsonProcessingException {
        return MAP_READER.readValue(json);
    }

    /** As {@link #readMap(String)}, from UTF-8 bytes (a Kafka value): no String of the whole document is made. */
    public static Map<String, Object> readMap(byte[] utf8) throws JsonProcessingException {
        try {
            return MAP_READER.readValue(utf8);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException e) { // bytes in memory: only a parse error can happen
            throw new java.io.UncheckedIOException(e);
        }
    }
}
