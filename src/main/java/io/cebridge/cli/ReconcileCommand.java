package io.cebridge.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.config.ConfigException;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.reconcile.Finding;
import io.cebridge.reconcile.ReconcileReport;
import io.cebridge.reconcile.Reconciliation;
import io.cebridge.reconcile.Repair;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.Pools;
import io.cebridge.store.StateStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `reconcile --flow F`: compares both sides of a CRM -> ERP flow and, with --repair, sends what differs through it. */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Compare the CRM and the ERP of a flow: records only in the CRM, only in the ERP, and column"
                + " differences after the flow's mapping (financial-summary: the account fields against a fresh ERP"
                + " computation). Exit 0: both sides agree; 1: they do not; 2: configuration;"
                + " 3: a side could not be read.")
public final class ReconcileCommand implements Callable<Integer> {
    static final int DIFFERENT = 1;
    static final int UNREADABLE = 3;
    @Mixin
    ConfigOptions config;
    @Option(names = "--flow", required = true, description = "The flow to reconcile (e.g. customer-master,"
            + " order-invoice-history, product-catalog).")
    String flow;
    @Option(names = "--json", description = "The report as one JSON object.")
    boolean json;
    @Option(names = "--repair", description = "Send the records only in the CRM, different or not linked through the"
            + " flow again (the running flow or the next run delivers them); rows only in the ERP are never deleted."
            + " An ERP -> CRM document flow: the documents only in the ERP or different; CRM records are never deleted.")
    boolean repair;
    @Option(names = "--show-pii", description = "Show the values of identifying columns (USCC, phone, e-mail) that"
            + " differ; masked by default, as in `dlq list`.")
    boolean showPii;

    @Override
    public Integer call() throws Exception {
        BridgeConfig cfg = config.loadOrReport(Map.of());
        if (cfg == null) {
            return ConfigOptions.BAD_CONFIG;
        }
        MappingRegistry mappings;
        try {
            Reconciliation.check(cfg, flow);
            if (cfg.get(BridgeKeys.ERP_URL).isBlank()) {
                throw new ConfigException(List.of(BridgeKeys.ERP_URL.name() + ": required to read the ERP side"));
            }
            mappings = MappingRegistry.load(BridgeRuntime.mappingsDir(cfg));
        } catch (ConfigException | io.cebridge.mapping.MappingException e) {
            System.err.println(e.getMessage());
            return ConfigOptions.BAD_CONFIG;
        }
        try (HikariDataSource erp = Pools.open("reconcile-erp", cfg.get(BridgeKeys.ERP_URL), cfg.get(BridgeKeys.ERP_USER),
                cfg.secret(BridgeKeys.ERP_PASSWORD), 2);
             StateStore store = DlqCommand.open(cfg)) {
            io.cebridge.connector.crm.salesforce.SalesforceClient crm =
                    BridgeRuntime.crmClient(cfg, cfg.get(BridgeKeys.SF_TIMEOUT));
            Reconciliation.Outcome outcome;
            try {
                outcome = Reconciliation.run(cfg, flow, crm, erp, store, mappings, repair);
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return ConfigOptions.BAD_CONFIG;
            } catch (java.sql.SQLException | RuntimeException e) {
                System.err.println("reconcile " + flow + ": cannot read both sides: "
                        + io.cebridge.error.Redactor.oneLine(String.valueOf(e.getMessage())));
                return UNREADABLE;
            }
            ReconcileReport report = outcome.report();
            ReconcileReport shown = showPii ? report : report.withPiiMasked();
            System.out.print(json ? shown.toJson() + System.lineSeparator() : shown.toText());
            if (repair && outcome.notRepaired() != null) {
                System.err.println("reconcile --repair: " + outcome.notRepaired());
            } else if (repair) {
                List<Finding> sent = outcome.sent();
                (json ? System.err : System.out).println(sent.size() + (report.erpToCrm() ? " document(s)" : " record(s)")
                        + " sent through " + flow + " again (dead letters " + Repair.ACTION + " marked for retry):"
                        + " the running flow, or the next run, delivers them");
            }
            return report.agrees() ? 0 : DIFFERENT;
        }
    }
}
