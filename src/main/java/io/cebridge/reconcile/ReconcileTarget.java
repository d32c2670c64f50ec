package io.cebridge.reconcile;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.ConfigException;
import io.cebridge.config.ErpTarget;
import io.cebridge.config.FlowCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What reconciling one CRM -> ERP flow needs, read from its route file as the runtime reads it: the CRM object, fields
 * and condition its ingest reads, its mappings and cleansing, how it links a record to its parent, and its ERP target.
 * Covered: flows of one row per record (crm-to-erp-delivery without lines, documents, ERP enrichment, requirements or
 * CRM children and lookups): customer-master, contacts, expenses as shipped.
 */
public record ReconcileTarget(String flow, String entity, String object, List<String> fields, String where,
                              String inboundMapping, Map<String, String> cleanse, Link link,
                              Map<String, String> deliveryCleanse, ErpTarget erp) {

    /** The parent link (step:link): the canonical {@code field} holds the parent's CRM id, its ERP id goes to {@code target}. */
    public record Link(String entity, String field, String target, String parentTable, String parentKey,
                       List<String> parentColumns) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^:}]+)(?::([^}]*))?}}");
    /** Template parameters whose use makes a flow something reconcile does not compare (several rows, documents...). */
    private static final Map<String, String> UNCOVERED = Map.of("children", "object=", "lookup", "object=",
            "alsoLookup", "object=", "enrich", "sql=", "require", "rules=", "lines", "linesOf=", "document", "lines=",
            "alsoWriteBack", "alsoObject=");

    /** The flow's target; a {@link ConfigException} naming the covered flows when it is not one reconcile covers. */
    public static ReconcileTarget of(BridgeConfig cfg, String flow) {
        FlowCatalog catalog = cfg.catalog();
        FlowCatalog.Flow f = catalog.flow(flow).orElseThrow(() -> new ConfigException(List.of("reconcile: no flow '"
                + flow + "' in the route files; reconcile covers " + Reconciliation.covered(cfg))));
        String why = uncovered(f);
        if (why != null) {
            throw new ConfigException(List.of("reconcile: flow '" + flow + "' " + why + "; reconcile covers "
                    + Reconciliation.covered(cfg)));
        }
        Properties props = cfg.placeholderProperties();
        Map<String, String> p = new LinkedHashMap<>();
        f.parameters().forEach((k, v) -> p.put(k, resolve(v, props)));
        ErpTarget erp = ErpTarget.of(f).orElseThrow();
        Map<String, String> link = options(p.getOrDefault("link", ""));
        Link l = link.getOrDefault("entity", "").isBlank() ? null : new Link(link.get("entity"), link.get("field"),
                link.get("target"), blankToNull(link.get("parentTable")), blankToNull(link.get("parentKey")),
                list(link.getOrDefault("parentColumns", "")));
        return new ReconcileTarget(flow, p.getOrDefault("entity", flow), p.get("object"), list(p.get("fields")),
                p.getOrDefault("where", ""), p.get("inboundMapping"), options(p.getOrDefault("cleanse", "rules=none")), l,
                options(p.getOrDefault("deliveryCleanse", "rules=none")), resolved(erp, props));
    }

    /** The flows of these route files reconcile covers. */
    public static List<String> covered(BridgeConfig cfg) {
        return cfg.catalog().flows().stream().filter(f -> uncovered(f) == null).map(FlowCatalog.Flow::name).toList();
    }

    /** Why reconcile does not cover this flow, or null when it does. */
    static String uncovered(FlowCatalog.Flow f) {
        if (!f.templates().contains("crm-to-erp-delivery") || !f.templates().contains("crm-to-erp-ingest")) {
            return "is not a CRM -> ERP flow (crm-to-erp-ingest and crm-to-erp-delivery)";
        }
        List<String> used = new ArrayList<>();
        UNCOVERED.forEach((param, none) -> {
            String v = f.parameters().get(param);
            if (v != null && !v.strip().equals(none)) {
                used.add(param);
            }
        });
        return used.isEmpty() ? null : "uses " + used.stream().sorted().toList()
                + ", which reconcile does not compare yet (one ERP row per CRM record only)";
    }

    private static ErpTarget resolved(ErpTarget t, Properties props) {
        return new ErpTarget(t.flow(), resolve(t.table(), props), resolve(t.key(), props), resolve(t.number(), props),
                t.columns().stream().map(c -> resolve(c, props)).toList(), resolve(t.outboundMapping(), props),
                t.writeBackField(), t.lines());
    }

    /** {{key}} and {{key:default}} as Camel resolves them for the route (the configuration's value, else the default). */
    static String resolve(String value, Properties props) {
        if (value == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = props.getProperty(m.group(1).strip());
            if (v == null) {
                if (m.group(2) == null) {
                    throw new ConfigException(List.of("reconcile: the route file names {{" + m.group(1)
                            + "}}, which is not set"));
                }
                v = m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** a=1&b=2 (an endpoint's options as the route file passes them) -> {a=1, b=2}. */
    static Map<String, String> options(String s) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String part : s.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                o.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        return o;
    }

    static List<String> list(String csv) {
        return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
