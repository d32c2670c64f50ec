package io.cebridge.runtime;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.config.FlowCatalog;
import io.cebridge.store.FlowStatusQuery;
import io.cebridge.store.StateStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One row per flow of the route files, enabled or not, for `status` and GET /api/status: state, last poll, poll
 * positions, delivery lag, audited records by outcome, open dead letters and CRM write-backs waiting in the outbox. The state comes from the running
 * instance when it builds the report, else from the store: a flow whose poll lease some instance still holds is
 * running (it renews the lease on every poll), whatever this configuration says.
 */
public final class FlowStatusReport {
    /**
     * One flow's row; {@code lag} is null when the broker did not answer, {@code lastPoll} when it never polled;
     * {@code outbox}: write-backs stored for a Bulk API 2.0 job and not sent yet.
     */
    public record Row(String flow, String state, String detail, Instant lastPoll, String polledBy,
                      List<FlowStatusQuery.Position> watermarks, Long lag, Map<String, Long> outcomes,
                      Map<String, Long> deadLetters, FlowStatusQuery.Outbox outbox) {
        public long openDeadLetters() {
            return deadLetters.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The row as JSON-ready maps and strings. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("flow", flow);
            m.put("state", state);
            if (detail != null) {
                m.put("detail", detail);
            }
            m.put("lastPoll", lastPoll == null ? null : lastPoll.toString());
            m.put("polledBy", polledBy);
            List<Map<String, Object>> marks = new ArrayList<>();
            for (FlowStatusQuery.Position p : watermarks) {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("name", p.name());
                w.put("stamp", p.stamp());
                w.put("savedAt", p.savedAt() == null ? null : p.savedAt().toString());
                marks.add(w);
            }
            m.put("watermarks", marks);
            m.put("lag", lag);
            m.put("outcomes", outcomes);
            m.put("openDeadLetters", openDeadLetters());
            m.put("deadLetters", deadLetters);
            m.put("outbox", outbox.entries());
            m.put("outboxOldest", outbox.oldest() == null ? null : outbox.oldest().toString());
            return m;
        }
    }

    private FlowStatusReport() {
    }

    /**
     * {@code live}: the running instance's state of a flow (running, stopped, failed: reason), or null to judge by
     * the store; {@code lag}: null when no broker address is known.
     */
    public static List<Row> build(BridgeConfig cfg, StateStore store, DeliveryLag lag, Function<String, String> live)
            throws SQLException {
        return build(cfg.catalog().flows().stream().map(FlowCatalog.Flow::name).toList(), cfg.enabledFlows(), store,
                lag, live);
    }

    /** How long after an instance last wrote its rows `status` still takes it for running. */
    public static final java.time.Duration INSTANCE_SEEN = java.time.Duration.ofSeconds(20);

    /** What a report shows: the flows of the instances that run ({@code instances} not empty), else the configuration's. */
    public record Shown(List<Row> rows, List<String> instances) {
        /** One line saying whose flows these are. */
        public String source() {
            return instances.isEmpty()
                    ? "configuration (no running instance has written to the state store in the last "
                    + INSTANCE_SEEN.toSeconds() + " s)"
                    : "running instance " + String.join(", ", instances);
        }
    }

    /**
     * The flows and states of the instances that run, as they wrote them to the store ({@link
     * io.cebridge.instance.InstanceFlowRepository}); when none has written lately, this configuration's flows with
     * the state the store's poll leases say.
     */
    public static Shown buildShown(BridgeConfig cfg, StateStore store, DeliveryLag lag) throws SQLException {
        List<io.cebridge.instance.InstanceFlowRepository.FlowState> seen =
                new io.cebridge.instance.InstanceFlowRepository(store.dataSource()).seenSince(Instant.now()
                        .minus(INSTANCE_SEEN));
        if (seen.isEmpty()) {
            return new Shown(build(cfg, store, lag, null), List.of());
        }
        Map<String, String> states = new LinkedHashMap<>();
        for (io.cebridge.instance.InstanceFlowRepository.FlowState f : seen) {
            String state = f.detail() == null ? f.state() : f.state() + ": " + f.detail();
            states.merge(f.flow(), state, (a, b) -> rank(a) >= rank(b) ? a : b); // several replicas: the liveliest
        }
        List<String> enabled = states.entrySet().stream().filter(e -> !e.getValue().equals("disabled"))
                .map(Map.Entry::getKey).toList();
        // in the order of this configuration's route files (the same files, as a rule), then the instance's others
        List<String> flows = new ArrayList<>(cfg.catalog().flows().stream().map(FlowCatalog.Flow::name)
                .filter(states::containsKey).toList());
        states.keySet().stream().filter(f -> !flows.contains(f)).forEach(flows::add);
        return new Shown(build(flows, enabled, store, lag, states::get),
                seen.stream().map(io.cebridge.instance.InstanceFlowRepository.FlowState::instanceId).distinct().toList());
    }

    private static int rank(String state) {
        return state.startsWith("running") ? 3 : state.startsWith("failed") ? 2 : state.startsWith("stopped") ? 1 : 0;
    }

    private static List<Row> build(List<String> flows, List<String> enabled, StateStore store, DeliveryLag lag,
                                   Function<String, String> live) throws SQLException {
        Map<String, FlowStatusQuery.FlowState> states = new FlowStatusQuery(store.dataSource()).read(flows);
        Map<String, Long> lags = lag == null ? Map.of() : lag.lag(flows);
        Instant now = Instant.now();
        List<Row> rows = new ArrayList<>();
        for (String flow : flows) {
            FlowStatusQuery.FlowState s = states.get(flow);
            FlowStatusQuery.Lease lease = s.lease();
            Instant lastPoll = lease == null ? null : lease.renewedAt();
            String state;
            String detail = null;
            String liveState = live == null ? null : live.apply(flow);
            boolean leased = lease != null && lease.expiresAt().isAfter(now);
            if (!enabled.contains(flow) && (live != null || !leased)) {
                state = "disabled";
                detail = "bridge.flows." + flow + ".enabled=false";
            } else if (liveState != null) {
                int colon = liveState.indexOf(':');
                state = colon < 0 ? liveState : liveState.substring(0, colon);
                detail = colon < 0 ? null : liveState.substring(colon + 1).strip();
            } else {
                // an instance started with other settings (demo) may run a flow this configuration leaves off
                state = leased ? "running" : "stopped";
            }
            rows.add(new Row(flow, state, detail, lastPoll, lease == null ? null : lease.owner(), s.watermarks(),
                    lags.get(flow), s.outcomes(), s.deadLetters(), s.outbox()));
        }
        return rows;
    }

    /** The lag figures for {@code cfg}, or null when no broker address is known. */
    public static DeliveryLag lagFor(BridgeConfig cfg) {
        String bootstrap = DeliveryLag.bootstrapServers(cfg);
        return bootstrap == null ? null : new DeliveryLag(bootstrap, cfg.get(BridgeKeys.KAFKA_TOPIC_PREFIX));
    }
}
