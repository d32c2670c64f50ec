package io.cebridge.connector.crm.salesforce;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
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
        if (csv == null || csv.isBlank()) {
            return rows; // Salesforce answers a result set without rows with an empty body, or a header only
        }
        CsvSchema header = CsvSchema.emptySchema().withHeader().withStrictHeaders(false);
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(header).readValues(csv)) {
            while (it.hasNext()) {
                rows.add(new LinkedHashMap<>(it.next()));
            }
        } catch (IOException | RuntimeException e) {
            // the same request gets the same answer: not retried, the cycle fails naming what was wrong
            throw new CrmAnswerException("Salesforce answered a Bulk API 2.0 result that is not CSV with a header line: "
                    + e.getClass().getSimpleName(), e);
        }
        return rows;
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
