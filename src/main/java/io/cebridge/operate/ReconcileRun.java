package io.cebridge.operate;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.config.ConfigException;
import io.cebridge.connector.crm.salesforce.SalesforceClient;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.reconcile.FinancialSummaryCheck;
import io.cebridge.reconcile.ReconcileReport;
import io.cebridge.reconcile.ReconcileTarget;
import io.cebridge.reconcile.Reconciler;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.StateStore;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * One reconciliation of a flow, as `reconcile --flow F` and the web console run it: the flow's target and mappings
 * checked first (a configuration error names the key), then both sides read through the connectors. The caller brings
 * the ERP pool and the store: the CLI opens its own, the console uses the running instance's.
 */
public final class ReconcileRun {
    private final BridgeConfig cfg;
    private final String flow;
    private final ReconcileTarget target;
    private final MappingRegistry mappings;
    private Reconciler reconciler;

    private ReconcileRun(BridgeConfig cfg, String flow, ReconcileTarget target, MappingRegistry mappings) {
        this.cfg = cfg;
        this.flow = flow;
        this.target = target;
        this.mappings = mappings;
    }

    /** Throws ConfigException (or MappingException) naming what keeps {@code flow} from being reconciled. */
    public static ReconcileRun prepare(BridgeConfig cfg, String flow) throws io.cebridge.mapping.MappingException {
        ReconcileTarget target = isSummary(flow) ? null : ReconcileTarget.of(cfg, flow);
        if (cfg.get(BridgeKeys.ERP_URL).isBlank()) {
            throw new ConfigException(List.of(BridgeKeys.ERP_URL.name() + ": required to read the ERP side"));
        }
        return new ReconcileRun(cfg, flow, target, MappingRegistry.load(BridgeRuntime.mappingsDir(cfg)));
    }

    /** The flows reconcile covers with this configuration. */
    public static List<String> flows(BridgeConfig cfg) {
        List<String> out = new java.util.ArrayList<>(ReconcileTarget.covered(cfg));
        out.add(FinancialSummaryCheck.FLOW);
        return out;
    }

    /** Reads both sides; throws SQLException or a RuntimeException when one cannot be read. */
    public ReconcileReport run(DataSource erp, StateStore store) throws SQLException {
        SalesforceClient crm = BridgeRuntime.crmClient(cfg, cfg.get(BridgeKeys.SF_TIMEOUT));
        if (isSummary(flow)) {
            return new FinancialSummaryCheck(cfg, crm, erp, store, mappings).run();
        }
        reconciler = new Reconciler(target, cfg.get(BridgeKeys.CRM_TYPE), crm, erp, store, mappings);
        return reconciler.run();
    }

    /** The reconciler of the last {@link #run} (what a repair sends from), or null for financial-summary. */
    public Reconciler reconciler() {
        return reconciler;
    }

    public boolean summary() {
        return isSummary(flow);
    }

    private static boolean isSummary(String flow) {
        return FinancialSummaryCheck.FLOW.equals(flow);
    }
}
