package io.cebridge.reconcile;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.config.ConfigException;
import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.error.Redactor;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled reconcile (bridge.reconcile.schedule, off by default): a Camel timer route of the running instance
 * that reconciles bridge.reconcile.flows (every enabled flow reconcile covers when empty) one after the other, with
 * the instance's own CRM client, ERP pool, store and mappings, stores each report as the flow's last
 * ({@link LastReports}), logs one line per flow with the counts (no record data), and with bridge.reconcile.repair
 * sends what differs through the flow again, as `reconcile --repair`.
 */
public final class ReconcileSchedule extends RouteBuilder {
    public static final String ROUTE_ID = "ce-bridge-reconcile";
    /** The first run comes this long after the start at most, so a fresh instance has a report soon. */
    static final Duration FIRST_RUN = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileSchedule.class);
    private final BridgeConfig cfg;
    private final CrmRecordWriter crm;
    private final Supplier<DataSource> erp;
    private final StateStore store;
    private final MappingRegistry mappings;
    private final List<String> flows;
    private final boolean repair;
    private final Duration every;
    private final Clock clock;

    private ReconcileSchedule(BridgeConfig cfg, CrmRecordWriter crm, Supplier<DataSource> erp, StateStore store,
                              MappingRegistry mappings, List<String> flows, Clock clock) {
        this.cfg = cfg;
        this.crm = crm;
        this.erp = erp;
        this.store = store;
        this.mappings = mappings;
        this.flows = List.copyOf(flows);
        this.repair = cfg.get(BridgeKeys.RECONCILE_REPAIR);
        this.every = cfg.get(BridgeKeys.RECONCILE_SCHEDULE);
        this.clock = clock;
    }

    /**
     * The schedule of this configuration, or null when it is off; a {@link ConfigException} when
     * bridge.reconcile.flows names a flow that is not enabled or that reconcile does not cover.
     */
    public static ReconcileSchedule of(BridgeConfig cfg, CrmRecordWriter crm, Supplier<DataSource> erp,
                                       StateStore store, MappingRegistry mappings, List<String> enabled) {
        if (cfg.get(BridgeKeys.RECONCILE_SCHEDULE).isZero()) {
            return null;
        }
        return new ReconcileSchedule(cfg, crm, erp, store, mappings, flows(cfg, enabled), Clock.systemUTC());
    }

    /** The flows the schedule reconciles, checked against the enabled and covered ones. */
    static List<String> flows(BridgeConfig cfg, List<String> enabled) {
        List<String> covered = Reconciliation.covered(cfg);
        String listed = cfg.get(BridgeKeys.RECONCILE_FLOWS);
        if (listed.isBlank()) {
            return covered.stream().filter(enabled::contains).toList();
        }
        List<String> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String f : Arrays.stream(listed.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList()) {
            if (!covered.contains(f)) {
                problems.add(BridgeKeys.RECONCILE_FLOWS.name() + ": '" + f + "' is not a flow reconcile covers ("
                        + covered + ")");
            } else if (!enabled.contains(f)) {
                problems.add(BridgeKeys.RECONCILE_FLOWS.name() + ": '" + f + "' is not enabled here"
                        + " (bridge.flows." + f + ".enabled=false)");
            } else {
                out.add(f);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return out;
    }

    @Override
    public void configure() {
        long period = every.toMillis();
        from("timer:" + ROUTE_ID + "?period=" + period + "&delay=" + Math.min(period, FIRST_RUN.toMillis()))
                .routeId(ROUTE_ID).process(exchange -> runAll());
    }

    /** Reconciles every scheduled flow once; a flow that fails is logged and stored as failed, the others still run. */
    void runAll() {
        LastReports last = new LastReports(store.dataSource());
        for (String flow : flows) {
            java.time.Instant at = clock.instant();
            try {
                Reconciliation.Outcome o = Reconciliation.run(cfg, flow, crm, erp.get(), store, mappings, repair);
                last.save(o.report(), at);
                ReconcileReport r = o.report();
                LOG.info("reconcile {}: {} in {} ms: agree {}, only in CRM {}, only in ERP {}, different {}, not linked {},"
                        + " refused {}, dead-lettered {}{}", flow, r.agrees() ? "both sides agree" : "DISAGREE",
                        Duration.between(at, clock.instant()).toMillis(), r.agree(), r.count(Finding.Kind.ONLY_IN_CRM),
                        r.count(Finding.Kind.ONLY_IN_ERP), r.count(Finding.Kind.DIFFERENT),
                        r.count(Finding.Kind.NOT_LINKED), r.count(Finding.Kind.REFUSED),
                        r.count(Finding.Kind.DEAD_LETTERED), !repair ? "" : o.notRepaired() != null
                                ? "; not repaired: " + o.notRepaired()
                                : "; " + o.sent().size() + " sent through the flow again");
            } catch (Exception e) {
                String why = Redactor.oneLine(String.valueOf(e.getMessage()));
                LOG.warn("reconcile {}: failed, both sides could not be read: {}", flow,
                        Redactor.forLog(String.valueOf(e.getMessage())));
                try {
                    last.failed(flow, at, why);
                } catch (Exception stored) {
                    LOG.warn("reconcile {}: the failure could not be stored ({})", flow,
                            stored.getClass().getSimpleName());
                }
            }
        }
    }
}
