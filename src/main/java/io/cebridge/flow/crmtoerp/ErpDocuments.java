package io.cebridge.flow.crmtoerp;

import io.cebridge.connector.erp.jdbc.JdbcDocumentWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes each record as one ERP document: its mapping's output is the header row with the line rows under
 * {@code lines} (a quote becomes a sales order and its lines). The whole document is written in one transaction or
 * not at all (see {@link JdbcDocumentWriter}); a document the ERP has moved past its editable state is refused with
 * the flow's lock code, naming the ERP's state.
 */
public final class ErpDocuments {
    static final String LINES = "lines";
    private final JdbcDocumentWriter writer;
    private final String lockFlag;
    private final String checkFlag;

    /** {@code checkFlag}: the reason code of a document its writer's guard check refuses. */
    public ErpDocuments(JdbcDocumentWriter writer, String lockFlag, String checkFlag) {
        this.writer = writer;
        this.lockFlag = lockFlag;
        this.checkFlag = checkFlag;
    }

    io.cebridge.connector.erp.jdbc.JdbcUpsertWriter writerHeader() {
        return writer.header();
    }

    String lockFlag() {
        return lockFlag;
    }

    String checkFlag() {
        return checkFlag;
    }

    /** A record's header and lines as its mapping made them. */
    record Document(Map<String, Object> header, List<Map<String, Object>> lines) {
    }

    /** Splits the mapped row into header and lines, listing every reason they cannot be written as they are. */
    @SuppressWarnings("unchecked")
    Document document(FlowRecord r, List<String> problems) {
        Map<String, Object> header = new LinkedHashMap<>(r.erpRow);
        Object raw = header.remove(LINES);
        if (!(raw instanceof List<?> list)) {
            problems.add("the mapping must list the document's line rows under \"lines\", got keys " + r.erpRow.keySet());
            return null;
        }
        problems.addAll(writer.header().check(header));
        String key = writer.lines().keyColumn();
        List<Map<String, Object>> lines = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                problems.add("each entry of lines must be an object");
                continue;
            }
            Map<String, Object> line = (Map<String, Object>) m;
            Object k = io.cebridge.connector.erp.jdbc.JdbcUpsertWriter.valueOf(line, key);
            if (k == null || !keys.add(k.toString())) {
                problems.add("line " + (lines.size() + 1) + ": " + key + " is " + (k == null ? "missing" : "repeated ('"
                        + k + "')"));
            }
            writer.lines().check(line, writer.lineParent()).forEach(p -> problems.add("line " + k + ": " + p));
            lines.add(line);
        }
        return new Document(header, lines);
    }

    JdbcDocumentWriter.Result write(Document d) {
        return writer.write(d.header(), d.lines());
    }
}
