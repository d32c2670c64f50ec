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
                        String outboundMapping, String writeBackField, Lines lines) {

    /** The line table of a flow that writes documents (the delivery's {@code document} parameter); null otherwise. */
    public record Lines(String table, String key, String parent, List<String> columns) {
    }

    /** The target of a flow that instantiates crm-to-erp-delivery; empty for other flows. */
    public static Optional<ErpTarget> of(FlowCatalog.Flow f) {
        if (!f.templates().contains("crm-to-erp-delivery")) {
            return Optional.empty();
        }
        var p = f.parameters();
        return Optional.of(new ErpTarget(f.name(), p.get("table"), p.get("key"), p.get("number"),
                list(p.getOrDefault("columns", "")), p.get("outboundMapping"), p.get("writeBackField"),
                lines(p.getOrDefault("document", ""))));
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** lines=T&lineKey=K&lineParent=P&lineColumns=a,b (the erp: endpoint's options) -> the line table, or null. */
    private static Lines lines(String document) {
        java.util.Map<String, String> o = new java.util.HashMap<>();
        for (String part : document.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                o.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        String table = o.getOrDefault("lines", "");
        return table.isEmpty() ? null : new Lines(table, o.get("lineKey"), o.get("lineParent"),
                list(o.getOrDefault("lineColumns", "")));
    }

    public static Optional<ErpTarget> of(FlowCatalog catalog, String flow) {
        return catalog.flow(flow).flatMap(ErpTarget::of);
    }
}
