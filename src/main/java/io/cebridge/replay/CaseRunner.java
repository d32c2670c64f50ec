package io.cebridge.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.config.BridgeConfig;
import io.cebridge.config.Secret;
import io.cebridge.erp.reference.ReferenceErpInstaller;
import io.cebridge.json.Json;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.runtime.ConnectorOverrides;
import io.cebridge.runtime.OnceRunner;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.Pools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Replays one recorded case through the real runtime (YAML routes, mappings, cleansing, Kafka, ERP upsert) with the
 * CRM replaced by the recording and the ERP by a fresh reference schema in memory, then compares the outputs.
 */
final class CaseRunner {
    private final String bootstrapServers;
    private final Path routesDir;
    private final Path mappingsDir;
    private final Path workDir;

    CaseRunner(String bootstrapServers, Path routesDir, Path mappingsDir, Path workDir) {
        this.bootstrapServers = bootstrapServers;
        this.routesDir = routesDir;
        this.mappingsDir = mappingsDir;
        this.workDir = workDir;
    }

    CaseResult run(RecordedCase c, boolean approve) {
        long t0 = System.nanoTime();
        String erpUrl = "jdbc:h2:mem:replay-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (HikariDataSource erp = Pools.open("replay-erp", erpUrl, "", new Secret(""), 2)) {
            new ReferenceErpInstaller(erp).install(false);
            Map<String, JsonNode> actual;
            java.util.Optional<io.cebridge.config.ErpTarget> target = io.cebridge.config.ErpTarget.of(
                    io.cebridge.config.FlowCatalog.load(routesDir.toString()), c.flow());
            if (target.isPresent()) {
                var tables = c.setup().path("erp").fields();
                while (tables.hasNext()) {
                    var t = tables.next();
                    preload(erp, t.getKey(), t.getValue());
                }
                preload(erp, target.get().table(), c.erpPreload());
                actual = execute(c, erp, target.get(), overrides(c, erpUrl));
            } else {
                actual = ErpCaseRunner.execute(c, erp, overrides(c, erpUrl));
            }
            List<String> differences = compareOrApprove(c, actual, RecordedCase.outputs(target.isPresent()), approve);
            shutdown(erp);
            return new CaseResult(c.flow(), c.name(), (System.nanoTime() - t0) / 1e9, differences, null);
        } catch (Exception | AssertionError e) {
            org.slf4j.LoggerFactory.getLogger(CaseRunner.class).debug("case {} failed", c.name(), e);
            return new CaseResult(c.flow(), c.name(), (System.nanoTime() - t0) / 1e9, List.of(),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** With {@code approve}, writes the actual outputs as the expected files; otherwise lists every difference. */
    static List<String> compareOrApprove(RecordedCase c, Map<String, JsonNode> actual, List<String> outputs,
                                         boolean approve) throws java.io.IOException {
        List<String> differences = new ArrayList<>();
        for (String out : outputs) {
            if (approve) {
                Files.createDirectories(c.dir().resolve("expected"));
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(c.dir().resolve("expected").resolve(out).toFile(),
                        actual.get(out));
            } else {
                JsonDiff.diff(c.expected().get(out), actual.get(out)).forEach(d -> differences.add(out + " " + d));
            }
        }
        return differences;
    }

    /** Records of other CRM objects the case holds (setup.crm: {"Object": [records]}), for the enrichment steps' queries. */
    @SuppressWarnings("unchecked")
    private static Map<String, List<Map<String, Object>>> related(JsonNode crm) {
        Map<String, List<Map<String, Object>>> out = new HashMap<>();
        crm.fields().forEachRemaining(e -> out.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), List.class)));
        return out;
    }

    /** Cross-references the case starts with (e.g. its parent's link), written before the flow runs. */
    private static void link(BridgeConfig cfg, JsonNode links) throws Exception {
        if (!links.isArray() || links.isEmpty()) {
            return;
        }
        try (io.cebridge.store.StateStore store = io.cebridge.store.StateStore.open(cfg, 2)) {
            for (JsonNode l : links) {
                store.xref().upsert(l.path("entity").asText(), List.of(new io.cebridge.store.XrefEntry(
                        l.path("crmId").asText(), l.path("erpId").asText(), l.path("version")
                        .asText("2000-01-01T00:00:00.000Z"))));
            }
        }
    }

    /** Frees the in-memory database; SHUTDOWN closes the connection under our feet, which is expected. */
    static void shutdown(HikariDataSource erp) {
        try (Connection conn = erp.getConnection(); Statement s = conn.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (java.sql.SQLException expected) {
            // the database is gone, as intended
        }
    }

    /** What every replayed runtime gets: its own data dir and topics, the case's ERP, no lengthy retries. */
    private Map<String, String> overrides(RecordedCase c, String erpUrl) {
        Map<String, String> o = new HashMap<>();
        o.put("bridge.data-dir", workDir.resolve(c.flow()).resolve(c.name() + "-" + UUID.randomUUID()).toString());
        o.put("bridge.routes-dir", routesDir.toString());
        o.put("bridge.mappings-dir", mappingsDir.toString());
        o.put("bridge.kafka.bootstrap-servers", bootstrapServers);
        o.put("bridge.kafka.topic-prefix", "replay-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        o.put("bridge.erp.jdbc-url", erpUrl);
        o.put("bridge.retry.max-attempts", "1");
        o.put("bridge.retry.initial-delay", "50ms");
        // only the case's flow runs: the recording holds that flow's input only
        io.cebridge.config.FlowCatalog.load(routesDir.toString()).flows().forEach(f ->
                o.put("bridge.flows." + f.name() + ".enabled", Boolean.toString(f.name().equals(c.flow()))));
        return o;
    }

    private static Map<String, JsonNode> execute(RecordedCase c, HikariDataSource erp, io.cebridge.config.ErpTarget target,
                                                 Map<String, String> o)
            throws Exception {
        BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), o);
        link(cfg, c.setup().path("links"));
        CapturingWriter writer = new CapturingWriter(related(c.setup().path("crm")));
        Map<String, JsonNode> actual = new HashMap<>();
        try (BridgeRuntime runtime = new BridgeRuntime(cfg, true,
                new ConnectorOverrides(new RecordedSource(c.input()), writer, ConnectorOverrides.ConnectorTap.NONE))) {
            runtime.start();
            Optional<String> failure = new OnceRunner(runtime, Duration.ofMinutes(2)).await();
            if (failure.isPresent()) {
                throw new IllegalStateException(failure.get());
            }
            actual.put("erp-upsert.json", erpRows(erp, target));
            actual.put("crm-writeback.json", writeBacks(writer));
            actual.put("dead-letters.json", deadLetters(runtime.store().deadLetters().list(c.flow(), true)));
            actual.put("audit.json", audit(runtime));
        }
        return actual;
    }

    private static void preload(HikariDataSource erp, String table, JsonNode rows) throws Exception {
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("case.json names ERP table '" + table + "'");
        }
        try (Connection conn = erp.getConnection()) {
            for (JsonNode row : rows) {
                List<String> cols = new ArrayList<>();
                row.fieldNames().forEachRemaining(cols::add);
                String sql = "INSERT INTO " + table + " (" + String.join(", ", cols) + ") VALUES ("
                        + "?,".repeat(cols.size() - 1) + "?)";
                try (PreparedStatement ps = conn.prepareStatement(sql)) {
                    for (int i = 0; i < cols.size(); i++) {
                        JsonNode v = row.get(cols.get(i));
                        ps.setObject(i + 1, v.isNull() ? null : v.isNumber() ? v.decimalValue() : v.asText());
                    }
                    ps.executeUpdate();
                }
            }
        }
    }

    private static ArrayNode erpRows(HikariDataSource erp, io.cebridge.config.ErpTarget target) throws Exception {
        ArrayNode out = Json.MAPPER.createArrayNode();
        String cols = target.number() + ", " + String.join(", ", target.columns());
        try (Connection conn = erp.getConnection(); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + cols + " FROM " + target.table() + " WHERE " + target.key()
                     + " IS NOT NULL ORDER BY " + target.key())) {
            while (rs.next()) {
                ObjectNode row = out.addObject();
                Object number = rs.getObject(1); // the ERP's own key: a number (customer_no) or text (a CRM id)
                if (number instanceof Number n) {
                    row.put(target.number(), n.longValue());
                } else {
                    row.put(target.number(), number == null ? null : number.toString());
                }
                for (int i = 0; i < target.columns().size(); i++) {
                    String v = rs.getString(i + 2);
                    row.put(target.columns().get(i), v == null ? null : v.stripTrailing());
                }
                if (target.lines() != null) {
                    row.set("lines", lineRows(conn, target.lines(), String.valueOf(number)));
                }
            }
        }
        return out;
    }

    /** A document's line rows, in the order of their CRM keys. */
    private static ArrayNode lineRows(Connection conn, io.cebridge.config.ErpTarget.Lines lines, String parent)
            throws Exception {
        ArrayNode out = Json.MAPPER.createArrayNode();
        try (java.sql.PreparedStatement ps = conn.prepareStatement("SELECT " + String.join(", ", lines.columns())
                + " FROM " + lines.table() + " WHERE " + lines.parent() + " = ? ORDER BY " + lines.key())) {
            ps.setString(1, parent);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode row = out.addObject();
                    for (int i = 0; i < lines.columns().size(); i++) {
                        String v = rs.getString(i + 1);
                        row.put(lines.columns().get(i), v == null ? null : v.stripTrailing());
                    }
                }
            }
        }
        return out;
    }

    private static ArrayNode writeBacks(CapturingWriter writer) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        writer.written().stream().sorted(Comparator.comparing(m -> String.valueOf(m.get("Id"))))
                .forEach(m -> out.add(Json.MAPPER.valueToTree(m)));
        return out;
    }

    static ArrayNode deadLetters(List<DeadLetter> letters) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        letters.stream().sorted(Comparator.comparing(DeadLetter::sourceId)).forEach(d -> out.addObject()
                .put("sourceId", d.sourceId()).put("stage", d.stage()).put("reasonCode", d.reasonCode())
                .put("reason", d.reason()));
        return out;
    }

    private static ArrayNode audit(BridgeRuntime runtime) throws Exception {
        ArrayNode out = Json.MAPPER.createArrayNode();
        try (Connection conn = runtime.store().dataSource().getConnection(); Statement s = conn.createStatement();
             // the delivered changes, as recorded; the READ rows (for `trail`) only say that the source was read
             ResultSet rs = s.executeQuery("SELECT source_id, action, target_id, flags FROM bridge_audit"
                     + " WHERE action <> 'READ' ORDER BY source_id, id")) {
            while (rs.next()) {
                out.addObject().put("sourceId", rs.getString(1)).put("action", rs.getString(2))
                        .put("erpCustomerNo", rs.getString(3)).put("flags", rs.getString(4));
            }
        }
        return out;
    }
}
