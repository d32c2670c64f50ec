package io.cebridge.operate;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.reconcile.ReconcileReport;
import io.cebridge.reconcile.Reconciliation;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.StateStore;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * One reconciliation of a flow as the web console runs it (report only: repair is `reconcile --repair`'s): the flow
 * checked first (a configuration error names the key), then both sides read through the connectors by
 * {@link Reconciliation}, as `reconcile` and the scheduled reconcile do. The caller brings the ERP pool and the store.
 */
public final class ReconcileRun {
    private final BridgeConfig cfg;
    private final String flow;
    private final MappingRegistry mappings;

    private ReconcileRun(BridgeConfig cfg, String flow, MappingRegistry mappings) {
        this.cfg = cfg;
        this.flow = flow;
        this.mappings = mappings;
    }

    /** Throws ConfigException (or MappingException) naming what keeps {@code flow} from being reconciled. */
    public static ReconcileRun prepare(BridgeConfig cfg, String flow) throws io.cebridge.mapping.MappingException {
        Reconciliation.check(cfg, flow);
        return new ReconcileRun(cfg, flow, MappingRegistry.load(BridgeRuntime.mappingsDir(cfg)));
    }

    /** The flows reconcile covers with this configuration. */
    public static List<String> flows(BridgeConfig cfg) {
        return Reconciliation.covered(cfg);
    }

    /** Reads both sides; throws SQLException or a RuntimeException when one cannot be read. */
    public ReconcileReport run(DataSource erp, StateStore store) throws SQLException {
        return Reconciliation.run(cfg, flow, BridgeRuntime.crmClient(cfg, cfg.get(BridgeKeys.SF_TIMEOUT)), erp, store,
                mappings, false).report();
    }
}
