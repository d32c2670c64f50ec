package io.cebridge.reconcile;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.config.ConfigException;
import io.cebridge.config.FlowCatalog;
import io.cebridge.flow.erptocrm.DocumentSpec;
import io.cebridge.mapping.MappingRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What reconciling one ERP -> CRM document flow needs: its documents file (change tables, document types, loaders and
 * mappings) read as the runtime reads it. Covered: the flows of the erp-to-crm templates whose documents are read from
 * tables (order-invoice-history, product-catalog, order-status, return-status, exchange-rates as shipped); a document
 * computed by SQL (financial-summary) is compared by {@link FinancialSummaryCheck}.
 */
public record DocumentFlowTarget(String flow, String documentsFile, DocumentSpec.Declared declared) {

    /** Whether this flow of the route files is an ERP -> CRM document flow reconcile compares. */
    public static boolean covers(BridgeConfig cfg, String flow) {
        return cfg.catalog().flow(flow).map(f -> uncovered(f, null) == null).orElse(false);
    }

    /** The ERP -> CRM document flows of these route files reconcile covers. */
    public static List<String> covered(BridgeConfig cfg) {
        return cfg.catalog().flows().stream().filter(f -> uncovered(f, null) == null).map(FlowCatalog.Flow::name)
                .toList();
    }

    /** The flow's documents as its documents.yaml under {@code mappings} declares them, loading from {@code erp}. */
    public static DocumentFlowTarget of(BridgeConfig cfg, String flow, MappingRegistry mappings, DataSource erp) {
        FlowCatalog.Flow f = cfg.catalog().flow(flow).orElseThrow(() -> new ConfigException(List.of("reconcile: no flow '"
                + flow + "' in the route files")));
        String why = uncovered(f, mappings.root());
        if (why != null) {
            throw new ConfigException(List.of("reconcile: flow '" + flow + "' " + why));
        }
        String file = f.parameters().get("documents");
        String zone = cfg.get(BridgeKeys.ERP_TIME_ZONE);
        Clock clock = zone.isBlank() ? Clock.systemDefaultZone() : Clock.system(ZoneId.of(zone));
        try {
            return new DocumentFlowTarget(flow, file, DocumentSpec.load(mappings.root(), file, erp, clock,
                    cfg.get(BridgeKeys.CORPORATE_CURRENCY)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of("reconcile: " + e.getMessage()));
        }
    }

    /**
     * Why this flow is not a document flow reconcile compares, or null. With {@code mappingsRoot} the documents file is
     * read too: a document computed by SQL (a summary as of today) is not one the flow wrote as the ERP holds it.
     */
    static String uncovered(FlowCatalog.Flow f, Path mappingsRoot) {
        if (FinancialSummaryCheck.FLOW.equals(f.name())) {
            return "is compared against a fresh ERP computation (financial-summary)";
        }
        String file = f.parameters().get("documents");
        if (!f.templates().contains("erp-to-crm-ingest") || file == null || file.isBlank()) {
            return "is not an ERP -> CRM document flow (erp-to-crm-ingest with documents)";
        }
        if (mappingsRoot != null && io.cebridge.mapping.YamlFile.read(mappingsRoot.resolve(file)) instanceof Map<?, ?> m
                && m.get("documents") instanceof List<?> docs
                && docs.stream().anyMatch(d -> d instanceof Map<?, ?> dm && dm.get("sql") != null)) {
            return "computes its documents by SQL (" + file + "), which reconcile does not compare";
        }
        return null;
    }
}
