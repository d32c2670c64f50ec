package io.cebridge.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.config.BridgeConfig;
import io.cebridge.json.Json;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.runtime.ConnectorOverrides;
import io.cebridge.runtime.OnceRunner;
import io.cebridge.store.StateStore;
import io.cebridge.store.XrefEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Replays one case of an ERP -> CRM flow: the rows of {@code input.json} ({"table": [rows]}, in foreign-key order) go
 * into a fresh, empty reference ERP in memory, the CRM accounts named in case.json's {@code links} are linked to their
 * ERP customers, the flow runs once through its real route, loader and mapping with the CRM replaced by a capture,
 * and what it wrote ({@code crm-writes.json}) and dead-lettered ({@code dead-letters.json}) is compared. case.json's
 * {@code asOf} fixes "today" (the financial summary ages against it).
 */
final class ErpCaseRunner {
    private ErpCaseRunner() {
    }

    /** Loads the case's ERP rows, runs its flow once on {@code overrides} and returns what it wrote and dead-lettered. */
    static Map<String, JsonNode> execute(RecordedCase c, HikariDataSource erp, Map<String, String> overrides)
            throws Exception {
        insertRows(erp, c.input());
        JsonNode meta = Json.MAPPER.readTree(c.dir().resolve("case.json").toFile());
        Map<String, String> o = new HashMap<>(overrides);
        o.put("bridge.flows.customer-master.enabled", "false");
        o.put("bridge.flows." + c.flow() + ".enabled", "true");
        BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), o);
        link(cfg, meta.path("links"));
        CapturingWriter writer = new CapturingWriter();
        LocalDate asOf = meta.hasNonNull("asOf") ? LocalDate.parse(meta.get("asOf").asText()) : LocalDate.now();
        Map<String, JsonNode> actual = new HashMap<>();
        try (BridgeRuntime runtime = new BridgeRuntime(cfg, true,
                new ConnectorOverrides(null, writer, ConnectorOverrides.ConnectorTap.NONE))
                .withErpClock(Clock.fixed(asOf.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC))) {
            runtime.start();
            Optional<String> failure = new OnceRunner(runtime, Duration.ofMinutes(2)).await();
            if (failure.isPresent()) {
                throw new IllegalStateException(failure.get());
            }
            actual.put("crm-writes.json", writes(writer));
            actual.put("dead-letters.json", CaseRunner.deadLetters(runtime.store().deadLetters().list(c.flow(), true)));
        }
        return actual;
    }

    /** The CRM accounts that customer-master would have linked: {"crmAccountId": "erpCustomerNo"}. */
    private static void link(BridgeConfig cfg, JsonNode links) throws Exception {
        if (!links.isObject() || links.isEmpty()) {
            return;
        }
        try (StateStore store = StateStore.open(cfg, 2)) {
            List<XrefEntry> entries = new ArrayList<>();
            links.fields().forEachRemaining(e -> entries.add(new XrefEntry(e.getKey(), e.getValue().asText(),
                    "1970-01-01T00:00:00.000Z")));
            store.xref().upsert("customer", entries);
        }
    }

    private static void insertRows(HikariDataSource erp, JsonNode tables) throws Exception {
        try (Connection conn = erp.getConnection()) {
            var it = tables.fields();
            while (it.hasNext()) {
                var table = it.next();
                for (JsonNode row : table.getValue()) {
                    List<String> cols = new ArrayList<>();
                    row.fieldNames().forEachRemaining(cols::add);
                    String sql = "INSERT INTO " + table.getKey() + " (" + String.join(", ", cols) + ") VALUES ("
                            + "?,".repeat(cols.size() - 1) + "?)";
                    try (PreparedStatement ps = conn.prepareStatement(sql)) {
                        for (int i = 0; i < cols.size(); i++) {
                            JsonNode v = row.get(cols.get(i));
                            ps.setObject(i + 1, v.isNull() ? null : v.isNumber() ? v.decimalValue()
                                    : v.isBoolean() ? v.booleanValue() : v.asText());
                        }
                        ps.executeUpdate();
                    }
                }
            }
        }
    }

    /** Every captured write in a stable order (documents of different keys may be delivered in any order). */
    private static ArrayNode writes(CapturingWriter writer) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        writer.writes().stream()
                .map(w -> {
                    var n = Json.MAPPER.createObjectNode().put("operation", w.operation()).put("sobject", w.sobject());
                    if (w.externalIdField() != null) {
                        n.put("externalId", w.externalIdField());
                    }
                    n.set("record", Json.MAPPER.valueToTree(w.record()));
                    return n;
                })
                .sorted(Comparator.comparing((JsonNode n) -> n.get("sobject").asText()).thenComparing(JsonNode::toString))
                .forEach(out::add);
        return out;
    }
}
