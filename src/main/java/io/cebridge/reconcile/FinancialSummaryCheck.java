package io.cebridge.reconcile;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.config.ConfigException;
import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.flow.erptocrm.DocumentLoader;
import io.cebridge.flow.erptocrm.DocumentSpec;
import io.cebridge.flow.erptocrm.DocumentType;
import io.cebridge.json.Json;
import io.cebridge.mapping.MappingException;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.store.StateStore;
import io.cebridge.store.XrefEntry;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * `reconcile --flow financial-summary`: the fields the flow wrote to each linked CRM account against a fresh
 * computation of the ERP (the flow's own summary SQL through {@link io.cebridge.flow.financialsummary.FinancialSummaryQuery}
 * as of the ERP's business day today, and its own mapping). Money is compared by exact decimal value; the as-of date
 * is compared too, so a summary the daily refresh has not rewritten yet shows as such.
 */
public final class FinancialSummaryCheck {
    public static final String FLOW = "financial-summary";
    private static final String ENTITY = "customer";
    private final BridgeConfig cfg;
    private final CrmRecordWriter crm;
    private final DataSource erp;
    private final StateStore store;
    private final MappingRegistry mappings;

    public FinancialSummaryCheck(BridgeConfig cfg, CrmRecordWriter crm, DataSource erp, StateStore store,
                                 MappingRegistry mappings) {
        this.cfg = cfg;
        this.crm = crm;
        this.erp = erp;
        this.store = store;
        this.mappings = mappings;
    }

    /** The customer document of the flow's documents file (the one computed by SQL), or a configuration problem. */
    private DocumentType document() {
        String file = cfg.catalog().flow(FLOW).map(f -> f.parameters().get("documents")).orElseThrow(() ->
                new ConfigException(List.of("reconcile: no flow '" + FLOW + "' in the route files")));
        String zone = cfg.get(BridgeKeys.ERP_TIME_ZONE);
        Clock clock = zone.isBlank() ? Clock.systemDefaultZone() : Clock.system(ZoneId.of(zone));
        DocumentSpec.Declared d = DocumentSpec.load(mappings.root(), file, erp, clock,
                cfg.get(BridgeKeys.CORPORATE_CURRENCY));
        return d.documents().stream().filter(t -> t.customerField() != null).findFirst().orElseThrow(() ->
                new ConfigException(List.of("reconcile: " + file + " declares no document of a customer")));
    }

    public ReconcileReport run() throws SQLException {
        DocumentType type = document();
        List<String> ids = crm.find("SELECT Id FROM Account").stream().map(r -> String.valueOf(r.get("Id"))).toList();
        Map<String, XrefEntry> links = store.xref().find(ENTITY, ids);
        Map<String, Map<String, Object>> docs = type.loader().load(links.values().stream().map(XrefEntry::erpId)
                .distinct().toList());
        List<Finding> findings = new ArrayList<>();
        Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
        Set<String> fields = new LinkedHashSet<>();
        for (String id : ids) {
            XrefEntry x = links.get(id);
            if (x == null) {
                continue;
            }
            Map<String, Object> doc = docs.get(x.erpId());
            if (doc == null) {
                findings.add(Finding.of(Finding.Kind.ONLY_IN_CRM, id, x.erpId(), "ERP customer " + x.erpId()
                        + " is gone (the cross-reference still links it)"));
            } else if (doc.containsKey(DocumentLoader.PROBLEM)) {
                findings.add(Finding.of(Finding.Kind.REFUSED, id, x.erpId(), "the ERP summary cannot be computed: "
                        + doc.get(DocumentLoader.PROBLEM)));
            } else {
                try {
                    Map<String, Object> fieldsOf = accountFields(type, id, x.erpId(), doc);
                    expected.put(id, fieldsOf);
                    fields.addAll(fieldsOf.keySet());
                } catch (MappingException e) {
                    findings.add(Finding.of(Finding.Kind.REFUSED, id, x.erpId(), e.code() + ": " + e.getMessage()));
                }
            }
        }
        Map<String, Map<String, Object>> accounts = new LinkedHashMap<>();
        if (!fields.isEmpty()) {
            for (Map<String, Object> r : crm.find("SELECT Id, " + String.join(", ", fields) + " FROM Account")) {
                accounts.put(String.valueOf(r.get("Id")), r);
            }
        }
        int agree = 0;
        for (Map.Entry<String, Map<String, Object>> e : expected.entrySet()) {
            Map<String, Object> account = accounts.getOrDefault(e.getKey(), Map.of());
            List<Finding.ColumnDifference> diffs = new ArrayList<>();
            e.getValue().forEach((field, fresh) -> {
                if (!same(fresh, account.get(field))) {
                    diffs.add(new Finding.ColumnDifference(field, account.get(field), fresh));
                }
            });
            if (diffs.isEmpty()) {
                agree++;
            } else {
                findings.add(new Finding(Finding.Kind.DIFFERENT, e.getKey(), links.get(e.getKey()).erpId(), "", diffs));
            }
        }
        return new ReconcileReport(FLOW, "Account", "financial summaries", ids.size(), docs.size(), agree,
                0, findings);
    }

    /** The Account fields the flow's mapping writes for this customer's summary (its update of the account). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> accountFields(DocumentType type, String accountId, String customerNo,
                                              Map<String, Object> doc) throws MappingException {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("documentType", type.name());
        event.put("documentKey", customerNo);
        event.put("document", doc);
        event.put("crmAccountId", accountId);
        Map<String, Object> out;
        try { // the document as it travels on Kafka (JSON, exact decimals)
            out = mappings.handle(type.mapping()).current().apply(Json.readMap(Json.write(event)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MappingException(e.getOriginalMessage());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        if (out.get("writes") instanceof List<?> writes) {
            for (Object w : writes) {
                if (w instanceof Map<?, ?> write && "Account".equals(write.get("sobject"))) {
                    Object records = write.get("records");
                    for (Object r : records instanceof List<?> l ? l : List.of(records == null ? Map.of() : records)) {
                        if (r instanceof Map<?, ?> m && accountId.equals(String.valueOf(m.get("Id")))) {
                            ((Map<String, Object>) m).forEach((k, v) -> {
                                if (!"Id".equals(k)) {
                                    fields.put(k, v);
                                }
                            });
                        }
                    }
                }
            }
        }
        return fields;
    }

    /** Numbers by exact decimal value (1234.5 = 1234.50), everything else as text; null only equals null. */
    static boolean same(Object fresh, Object crmValue) {
        if (fresh == null || crmValue == null) {
            return fresh == null && crmValue == null;
        }
        if (fresh instanceof Number || crmValue instanceof Number) {
            try {
                return new BigDecimal(fresh.toString()).compareTo(new BigDecimal(crmValue.toString())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return fresh.toString().equals(crmValue.toString());
    }
}
