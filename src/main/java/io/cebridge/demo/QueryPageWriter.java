package io.cebridge.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes one query result page ({"totalSize","done","nextRecordsUrl","records"}) straight to JSON bytes. */
final class QueryPageWriter {

    private QueryPageWriter() {
    }

    /**
     * Serialises rows[from, to) of a result.
     *
     * @param nextRecordsUrl the locator URL of the following page, or null on the last page
     */
    static byte[] write(QueryRows rows, int from, int to, String nextRecordsUrl, String version) {
        // Streaming with the generator is several times faster than building a map per record,
        // which matters for 2000-record pages over 200k-row benchmarks.
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, (to - from) * 400));
        try (JsonGenerator json = DemoJson.generator(out)) {
            json.writeStartObject();
            json.writeNumberField("totalSize", rows.size());
            json.writeBooleanField("done", nextRecordsUrl == null);
            if (nextRecordsUrl != null) {
                json.writeStringField("nextRecordsUrl", nextRecordsUrl);
            }
            json.writeArrayFieldStart("records");
            for (int i = from; i < to; i++) {
                rows.write(json, i, version);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
