package io.cebridge.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a CRM -> ERP flow writes, as its route file says (the crm-to-erp-delivery template's parameters): the table,
 * the CRM-id and ERP-key columns, the owned columns, the outbound mapping and the CRM field the key goes back to.
 * Used by the tools (validate, record, replay) so they follow the flow's files instead of naming flows.
 */
public record ErpTarget(String flow, String table, String key, String number, List<String> columns,
                        String outboundMapping, String writeBackField) {

    /** The target of a flow that instantiates crm-to-erp-delivery; empty for other flows. */
    public static Optional<ErpTarget> of(FlowCatalog.Flow f) {
        if (!f.templates().contains("crm-to-erp-delivery")) {
            return Optional.empty();
        }
        var p = f.parameters();
        return Optional.of(new ErpTarget(f.name(), p.get("table"), p.get("key"), p.get("number"),
                Arrays.stream(p.getOrDefault("columns", "").split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .toList(), p.get("outboundMapping"), p.get("writeBackField")));
    }

    public static Optional<ErpTarget> of(FlowCatalog catalog, String flow) {
        return catalog.flow(flow).flatMap(ErpTarget::of);
    }
}
