package io.cebridge.demo;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the demo org's Bulk API 2.0 CSV (header line, comma, LF) with Jackson's CSV data format. */
final class BulkCsvText {
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private BulkCsvText() {
    }

    /** The lines of an upload, header first; a line with another number of fields than the header is refused. */
    static List<String[]> read(String text) {
        List<String[]> lines = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(text)) {
            while (it.hasNext()) {
                String[] line = it.next();
                if (line.length == 1 && line[0].isEmpty()) {
                    continue; // the empty line after the last LF
                }
                if (!lines.isEmpty() && line.length != lines.get(0).length) {
                    throw new IllegalArgumentException("line " + (lines.size() + 1) + " has " + line.length
                            + " fields, the header " + lines.get(0).length);
                }
                lines.add(line);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse(""), e);
        }
        return lines;
    }

    /** CSV text of a header and lines, LF after each line, fields quoted where needed. */
    static String write(List<String> header, List<List<String>> lines) {
        CsvSchema schema = CsvSchema.emptySchema().withLineSeparator("\n");
        List<List<String>> all = new ArrayList<>(lines.size() + 1);
        all.add(header);
        all.addAll(lines);
        try {
            return CSV.writer(schema).writeValueAsString(all);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
