package io.cebridge.connector.crm.salesforce;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV of Bulk API 2.0 (RFC 4180, a header line, comma, LF): job data written and job results read with Jackson's
 * CSV data format. An empty field is an empty string here; what it means (no value, or "leave as is" in an upload)
 * is the caller's.
 */
final class BulkCsv {
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS)
            .enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS)
            .build();

    private BulkCsv() {
    }

    /** Rows of a CSV with a header line, each a map of column to text in the header's order; empty text: none. */
    static List<Map<String, String>> read(String csv) {
        List<Map<String, String>> rows = new ArrayList<>();
        rows(csv).forEachRemaining(rows::add);
        return rows;
    }

    /**
     * The rows of {@link #read(String)} one at a time, parsed as they are asked for: a caller that handles them a few
     * thousand at a time never holds them all as maps. A CSV that is not well formed fails when its bad row is reached.
     */
    static Iterator<Map<String, String>> rows(String csv) {
        if (csv == null || csv.isBlank()) {
            return Collections.emptyIterator(); // Salesforce answers a set without rows with an empty body, or a header only
        }
        CsvSchema header = CsvSchema.emptySchema().withHeader().withStrictHeaders(false);
        MappingIterator<Map<String, String>> it;
        try {
            it = CSV.readerForMapOf(String.class).with(header).readValues(csv);
        } catch (IOException | RuntimeException e) {
            throw notCsv(e);
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    if (it.hasNext()) {
                        return true;
                    }
                    it.close(); // read to the end: its buffers go back to Jackson's pool
                    return false;
                } catch (IOException | RuntimeException e) {
                    throw notCsv(e);
                }
            }

            @Override
            public Map<String, String> next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                try {
                    return new LinkedHashMap<>(it.next());
                } catch (RuntimeException e) {
                    throw notCsv(e);
                }
            }
        };
    }

    /** The same request gets the same answer: not retried, the cycle fails naming what was wrong. */
    private static CrmAnswerException notCsv(Exception e) {
        return new CrmAnswerException("Salesforce answered a Bulk API 2.0 result that is not CSV with a header line: "
                + e.getClass().getSimpleName(), e);
    }

    /** CSV with a header line of {@code columns} and one line per row, LF line endings, quoted where needed. */
    static String write(List<String> columns, Iterable<Map<String, String>> rows) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\n");
        columns.forEach(schema::addColumn);
        java.io.StringWriter out = new java.io.StringWriter();
        try (com.fasterxml.jackson.databind.SequenceWriter w = CSV.writer(schema.build()).writeValues(out)) {
            for (Map<String, String> row : rows) {
                w.write(row);
            }
            w.flush();
            return out.toString();
        } catch (IOException e) {
            throw new IllegalArgumentException("a record cannot be written as Bulk API 2.0 CSV: " + e.getClass().getSimpleName(), e);
        }
    }
}
