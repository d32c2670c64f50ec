package io.cebridge.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cebridge.connector.crm.CrmPageSource;
import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.connector.crm.SaveResult;
import io.cebridge.flow.DeliveryListener;
import io.cebridge.json.Json;
import io.cebridge.runtime.ConnectorOverrides;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * `record`: taps the running flow and writes one replayable case per delivered or dead-lettered record: the CRM
 * record as read, the ERP rows it matched before, and what reached the ERP and the CRM. ERP numbers the ERP assigned
 * to new customers are written as the first number of a fresh reference ERP (100001), which is what a replay gets.
 */
public final class CaseRecorder implements DeliveryListener, ConnectorOverrides.ConnectorTap {
    private static final Logger LOG = LoggerFactory.getLogger(CaseRecorder.class);
    static final long FIRST_NEW_NUMBER = 100001;
    private final Path out;
    private final DataSource erp;
    private final PiiMasker masker;
    private final io.cebridge.config.ErpTarget target;
    private final Map<String, Map<String, Object>> inputs = new ConcurrentHashMap<>();
    private final Map<String, Object> writtenBack = new ConcurrentHashMap<>();
    private int cases;

    /** Records the cases of one CRM -> ERP flow, writing to {@code target}. */
    public CaseRecorder(Path out, DataSource erp, boolean maskPii, io.cebridge.config.ErpTarget target) {
        this.target = target;
        this.out = out;
        this.erp = erp;
        this.masker = maskPii ? new PiiMasker() : null;
    }

    public synchronized int cases() {
        return cases;
    }

    @Override
    public CrmPageSource source(CrmPageSource source) {
        return new CrmPageSource() {
            @Override
            @SuppressWarnings("unchecked")
            public void readPage(Exchange exchange) throws Exception {
                source.readPage(exchange);
                for (Map<String, Object> r : (List<Map<String, Object>>) exchange.getMessage().getBody(List.class)) {
                    inputs.put(r.get("Id") + "|" + r.get("SystemModstamp"), new java.util.LinkedHashMap<>(r));
                }
            }

            @Override
            public void commitPage(Exchange exchange) throws Exception {
                source.commitPage(exchange);
            }
        };
    }

    @Override
    public CrmRecordWriter writer(CrmRecordWriter writer) {
        return new CrmRecordWriter() {
            @Override
            public List<SaveResult> update(String sobject, List<Map<String, Object>> records, boolean allOrNone) {
                List<SaveResult> results = writer.update(sobject, records, allOrNone);
                for (int i = 0; i < records.size() && i < results.size(); i++) {
                    if (results.get(i).success()) {
                        writtenBack.put(String.valueOf(records.get(i).get("Id")),
                                records.get(i).get(target.writeBackField()));
                    }
                }
                return results;
            }

            // Recorded cases cover the customer-master flow, which only updates; other writes pass through untapped.
            @Override
            public List<SaveResult> upsert(String sobject, String externalIdField, List<Map<String, Object>> records,
                                           boolean allOrNone) {
                return writer.upsert(sobject, externalIdField, records, allOrNone);
            }

            @Override
            public List<SaveResult> create(String sobject, List<Map<String, Object>> records, boolean allOrNone) {
                return writer.create(sobject, records, allOrNone);
            }

            @Override
            public int maxRecordsPerCall() {
                return writer.maxRecordsPerCall();
            }
        };
    }

    @Override
    public void delivered(String flow, List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            Map<String, Object> raw = inputs.remove(o.sourceId() + "|" + o.sourceVersion());
            if (raw == null || !List.of("CREATED", "UPDATED", "CLAIMED", "LINKED").contains(o.action())) {
                continue;
            }
            try {
                writeDelivered(flow, o, raw);
            } catch (Exception e) {
                LOG.warn("could not record {}: {}", o.sourceId(), e.getMessage());
            }
        }
    }

    @Override
    public void deadLettered(String flow, String stage, String sourceId, String sourceVersion, String reasonCode,
                             String reason, String payload) {
        if (stage.equals("crm-writeback") || stage.equals("decode")) {
            return; // a replay answers every write-back with success and reads no raw Kafka messages
        }
        try {
            Map<String, Object> raw = stage.equals("ingest") ? Json.readMap(payload)
                    : inputs.remove(sourceId + "|" + sourceVersion);
            if (raw == null) {
                return;
            }
            ObjectNode meta = meta(flow, "dead-lettered at " + stage + ": " + reasonCode);
            ArrayNode letters = Json.MAPPER.createArrayNode();
            // the reason as the store keeps it: identifiers masked against the record (masked too with --mask-pii)
            String shown = reasonCode.contains("PHONE") && masker != null ? masker.phone(reason) : reason;
            String record = masker == null ? payload : Json.MAPPER.writeValueAsString(masker.mask(Json.MAPPER.readTree(payload)));
            letters.addObject().put("sourceId", sourceId).put("stage", stage).put("reasonCode", reasonCode)
                    .put("reason", io.cebridge.error.PiiMask.reason(shown, record));
            write(flow, sourceId, sourceVersion, meta, raw, Json.MAPPER.createArrayNode(), Json.MAPPER.createArrayNode(),
                    letters, Json.MAPPER.createArrayNode());
        } catch (Exception e) {
            LOG.warn("could not record dead letter of {}: {}", sourceId, e.getMessage());
        }
    }

    private void writeDelivered(String flow, Outcome o, Map<String, Object> raw) throws Exception {
        boolean created = o.action().equals("CREATED");
        String shownNo = created ? Long.toString(FIRST_NEW_NUMBER) : o.erpNo();
        ObjectNode meta = meta(flow, o.action().toLowerCase(java.util.Locale.ROOT) + " ERP customer");
        ArrayNode preload = meta.putArray("erpPreload");
        Map<String, Object> before = o.erpBefore();
        if (before == null && o.action().equals("LINKED")) {
            before = erpRow(o.erpNo());
        }
        if (before != null) {
            ObjectNode p = preload.addObject();
            p.put(target.number(), Long.parseLong(String.valueOf(before.get(target.number()))));
            for (String col : target.columns()) {
                Object v = before.get(col);
                p.put(col, v == null ? null : String.valueOf(v).stripTrailing());
            }
        }
        ArrayNode rows = Json.MAPPER.createArrayNode();
        Map<String, Object> row = erpRow(o.erpNo());
        if (row != null && row.get(target.key()) != null) {
            ObjectNode r = rows.addObject();
            r.put(target.number(), Long.parseLong(shownNo));
            for (String col : target.columns()) {
                Object v = row.get(col);
                r.put(col, v == null ? null : String.valueOf(v).stripTrailing());
            }
        }
        ArrayNode writeBack = Json.MAPPER.createArrayNode();
        if (writtenBack.remove(o.sourceId()) != null) {
            writeBack.addObject().put("Id", o.sourceId()).put(target.writeBackField(), shownNo);
        }
        ArrayNode audit = Json.MAPPER.createArrayNode();
        audit.addObject().put("sourceId", o.sourceId()).put("action", o.action()).put("erpCustomerNo", shownNo)
                .put("flags", o.flags().isEmpty() ? null : String.join(",", o.flags()));
        write(flow, o.sourceId(), o.sourceVersion(), meta, raw, rows, writeBack, Json.MAPPER.createArrayNode(), audit);
    }

    private Map<String, Object> erpRow(String erpNo) throws Exception {
        if (erpNo == null) {
            return null;
        }
        String cols = target.number() + ", " + String.join(", ", target.columns());
        try (Connection c = erp.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + cols + " FROM " + target.table() + " WHERE "
                     + target.number() + " = ?")) {
            ps.setLong(1, Long.parseLong(erpNo));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> m = new java.util.HashMap<>();
                m.put(target.number(), rs.getLong(1));
                for (int i = 0; i < target.columns().size(); i++) {
                    m.put(target.columns().get(i), rs.getString(i + 2));
                }
                return m;
            }
        }
    }

    private static ObjectNode meta(String flow, String what) {
        ObjectNode meta = Json.MAPPER.createObjectNode();
        meta.put("flow", flow);
        meta.put("description", "recorded: " + what);
        return meta;
    }

    private synchronized void write(String flow, String sourceId, String version, ObjectNode meta, Map<String, Object> raw,
                                    ArrayNode rows, ArrayNode writeBack, ArrayNode letters, ArrayNode audit)
            throws Exception {
        String name = sourceId.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + version.replaceAll("[^0-9]", "");
        Path dir = out.resolve(flow).resolve(name);
        Files.createDirectories(dir.resolve("expected"));
        ArrayNode input = Json.MAPPER.createArrayNode();
        ObjectNode record = input.addObject();
        record.putObject("attributes").put("type", "Account");
        raw.forEach((k, v) -> record.set(k, Json.MAPPER.valueToTree(v)));
        save(dir.resolve("case.json"), meta);
        save(dir.resolve("input.json"), input);
        save(dir.resolve("expected/erp-upsert.json"), rows);
        save(dir.resolve("expected/crm-writeback.json"), writeBack);
        save(dir.resolve("expected/dead-letters.json"), letters);
        save(dir.resolve("expected/audit.json"), audit);
        cases++;
    }

    private void save(Path file, JsonNode node) throws Exception {
        JsonNode n = masker == null ? node : masker.mask(node.deepCopy());
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), n);
    }
}
