package io.cebridge.cli;

import io.cebridge.config.FlowCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flows a demo against an ERP reached over its API runs: of those the reference demo runs (customer-master, every
 * ERP -> CRM flow, the order-to-cash flows), the ones that ERP supports, found from the files rather than named here:
 * over bridge.erp.type=T a flow runs on T when its ERP-side file has a T twin (the runtime uses F.T.jsonata / F.T.yaml
 * where it exists): an ERP -> CRM flow its documents file (documents.kingdee.yaml), a CRM -> ERP flow its outbound
 * mapping (customer-to-erp-customer.kingdee.jsonata). Without one the flow would still need an ERP database.
 */
record DemoFlowChoice(List<String> run, List<String> notAvailable, List<String> off) {

    static DemoFlowChoice of(FlowCatalog catalog, Path mappings, String erpType) {
        List<String> run = new ArrayList<>();
        List<String> not = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (FlowCatalog.Flow f : catalog.flows()) {
            boolean erpToCrm = f.templates().contains("erp-to-crm-ingest");
            String file = erpToCrm ? f.parameters().get("documents")
                    : f.templates().contains("crm-to-erp-delivery") ? f.parameters().get("outboundMapping") : null;
            if (file == null || !erpToCrm && !f.name().equals("customer-master")
                    && !DemoCommand.ORDER_TO_CASH.contains(f.name())) {
                off.add(f.name()); // not in the demo's story on any ERP
            } else {
                (Files.isRegularFile(mappings.resolve(twin(file, erpType))) ? run : not).add(f.name());
            }
        }
        return new DemoFlowChoice(List.copyOf(run), List.copyOf(not), List.copyOf(off));
    }

    private static String twin(String file, String erpType) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file + "." + erpType : file.substring(0, dot) + "." + erpType + file.substring(dot);
    }

    /** Switches the flows that run on (polling every 5 s) and every other one off, whatever a --config said. */
    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        run.forEach(f -> {
            s.put("bridge.flows." + f + ".enabled", "true");
            s.put("bridge.flows." + f + ".poll-interval", "5s");
        });
        notAvailable.forEach(f -> s.put("bridge.flows." + f + ".enabled", "false"));
        off.forEach(f -> s.put("bridge.flows." + f + ".enabled", "false"));
        return s;
    }
}
