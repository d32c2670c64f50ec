package io.cebridge.reconcile;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.config.ConfigException;
import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.store.StateStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * One reconcile of one flow, whichever kind it is: a CRM -> ERP flow ({@link Reconciler}), an ERP -> CRM document flow
 * ({@link DocumentReconciler}) or financial-summary ({@link FinancialSummaryCheck}); with {@code repair}, what differs
 * is sent through the flow again. What `reconcile` and the scheduled reconcile of the runtime both run.
 */
public final class Reconciliation {
    /** The report, the findings sent through the flow again, and why nothing was sent when the flow is not repaired. */
    public record Outcome(ReconcileReport report, List<Finding> sent, String notRepaired) {
    }

    private Reconciliation() {
    }

    /** Every flow of the route files reconcile covers, CRM -> ERP first. */
    public static List<String> covered(BridgeConfig cfg) {
        List<String> out = new ArrayList<>(ReconcileTarget.covered(cfg));
        out.addAll(DocumentFlowTarget.covered(cfg));
        if (cfg.catalog().flow(FinancialSummaryCheck.FLOW).isPresent()) {
            out.add(FinancialSummaryCheck.FLOW);
        }
        return out;
    }

    /** A {@link ConfigException} for a flow reconcile does not cover (naming the ones it does), else nothing. */
    public static void check(BridgeConfig cfg, String flow) {
        if (FinancialSummaryCheck.FLOW.equals(flow) || DocumentFlowTarget.covers(cfg, flow)) {
            return;
        }
        ReconcileTarget.of(cfg, flow);
    }

    public static Outcome run(BridgeConfig cfg, String flow, CrmRecordWriter crm, DataSource erp, StateStore store,
                              MappingRegistry mappings, boolean repair) throws SQLException {
        if (FinancialSummaryCheck.FLOW.equals(flow)) {
            ReconcileReport report = new FinancialSummaryCheck(cfg, crm, erp, store, mappings).run();
            return new Outcome(report, List.of(), repair ? flow + " is not repaired by reconcile: the flow rewrites"
                    + " every summary on its daily refresh and whenever a customer's ERP rows change" : null);
        }
        if (DocumentFlowTarget.covers(cfg, flow)) {
            DocumentReconciler r = new DocumentReconciler(DocumentFlowTarget.of(cfg, flow, mappings, erp), crm, erp,
                    store, mappings);
            ReconcileReport report = r.run();
            return new Outcome(report, repair ? new DocumentRepair(r, store).send(report) : List.of(), null);
        }
        ReconcileTarget target = ReconcileTarget.of(cfg, flow);
        if (cfg.get(BridgeKeys.ERP_URL).isBlank()) {
            throw new ConfigException(List.of(BridgeKeys.ERP_URL.name() + ": required to read the ERP side"));
        }
        Reconciler r = new Reconciler(target, cfg.get(BridgeKeys.CRM_TYPE), crm, erp, store, mappings);
        ReconcileReport report = r.run();
        return new Outcome(report, repair ? new Repair(r, store).send(report) : List.of(), null);
    }
}
