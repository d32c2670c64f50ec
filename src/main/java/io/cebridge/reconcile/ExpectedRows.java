package io.cebridge.reconcile;

import io.cebridge.cleanse.CleanseResult;
import io.cebridge.cleanse.Cleanser;
import io.cebridge.cleanse.Rejection;
import io.cebridge.component.CleanseRules;
import io.cebridge.flow.crmtoerp.FlowRecord;
import io.cebridge.json.Json;
import io.cebridge.mapping.MappingException;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.store.XrefEntry;
import io.cebridge.store.XrefRepository;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The ERP row a flow would write for a CRM record, made with the flow's own steps in the route's order: the inbound
 * mapping, the ingest cleansing, the event as it travels on Kafka (JSON), the parent link through the cross-reference,
 * the delivery cleansing and the outbound mapping. Nothing is written: a record a step refuses is reported with the
 * step's reason, as the flow would dead-letter it.
 */
final class ExpectedRows {
    /** One record's expected ERP row, or why the flow would not write it (then {@code row} is null). */
    record Expected(Map<String, Object> row, String refusedCode, String refusedReason) {
        static Expected refused(String code, String reason) {
            return new Expected(null, code, reason);
        }
    }

    private final ReconcileTarget target;
    private final String sourceSystem;
    private final MappingRegistry mappings;
    private final Cleanser ingestRules;
    private final Cleanser deliveryRules;
    private final XrefRepository xref;
    private final ErpRows parents;
    private Map<String, XrefEntry> parentLinks = Map.of();
    private Map<String, Map<String, Object>> parentRows = Map.of();

    ExpectedRows(ReconcileTarget target, String sourceSystem, MappingRegistry mappings, XrefRepository xref,
                 ErpRows parents) {
        this.target = target;
        this.sourceSystem = sourceSystem;
        this.mappings = mappings;
        this.ingestRules = cleanser(target.cleanse());
        this.deliveryRules = cleanser(target.deliveryCleanse());
        this.xref = xref;
        this.parents = parents;
    }

    /** The rule set a step:cleanse with these options applies (null: none), built as the route builds it. */
    static Cleanser cleanser(Map<String, String> o) {
        return CleanseRules.of(o.getOrDefault("rules", "none"), Boolean.parseBoolean(o.get("usccRequired")),
                o.get("phoneRegion"), Boolean.parseBoolean(o.get("rejectInvalidPhone")), o.get("text"), o.get("email"),
                o.get("phone"), o.get("regionField"), o.get("required"));
    }

    /** Reads the parents' links (and ERP rows) of these CRM records at once, before {@link #of} is asked per record. */
    void prepare(List<Map<String, Object>> crmRecords) throws SQLException {
        ReconcileTarget.Link link = target.link();
        if (link == null) {
            return;
        }
        List<String> parentIds = new ArrayList<>();
        for (Map<String, Object> r : crmRecords) {
            Expected canonical = canonical(r);
            Object id = canonical.row() == null ? null : FlowRecord.field(canonical.row(), link.field());
            if (id != null && !id.toString().isBlank()) {
                parentIds.add(id.toString());
            }
        }
        parentLinks = xref.find(link.entity(), parentIds);
        if (parents != null) {
            Map<String, Map<String, Object>> rows = new HashMap<>();
            for (Map<String, Object> row : parents.rowsBy(link.parentKey(),
                    parentLinks.values().stream().map(XrefEntry::erpId).distinct().toList())) {
                rows.put(String.valueOf(row.get(link.parentKey().toLowerCase(java.util.Locale.ROOT))), row);
            }
            parentRows = rows;
        }
    }

    /** The ERP row the flow would write for this CRM record now. */
    Expected of(Map<String, Object> crmRecord) {
        Expected canonical = canonical(crmRecord);
        if (canonical.row() == null) {
            return canonical;
        }
        Map<String, Object> event = canonical.row();
        ReconcileTarget.Link link = target.link();
        if (link != null) {
            Object parentId = FlowRecord.field(event, link.field());
            if (parentId == null || parentId.toString().isBlank()) {
                return Expected.refused("NO_PARENT", "the record has no " + link.field() + " (its " + link.entity() + ")");
            }
            XrefEntry x = parentLinks.get(parentId.toString());
            if (x == null) {
                return Expected.refused("PARENT_NOT_LINKED", link.entity() + " " + parentId + " is not linked to the ERP");
            }
            event.put(link.target(), x.erpId());
            if (parents != null) {
                event.put("parent", parentRows.getOrDefault(x.erpId(), Map.of()));
            }
        }
        if (deliveryRules != null) {
            CleanseResult c = deliveryRules.cleanse(event);
            if (c.rejected()) {
                return refused(c);
            }
            event = new LinkedHashMap<>(c.record());
        }
        try {
            return new Expected(mappings.handle(target.erp().outboundMapping()).current().apply(event), null, null);
        } catch (MappingException e) {
            return Expected.refused(e.code(), e.getMessage());
        }
    }

    /** Ingest: inbound mapping, cleansing, and the event as delivery reads it back from Kafka. */
    private Expected canonical(Map<String, Object> crmRecord) {
        io.cebridge.connector.crm.RecordProblem problem = io.cebridge.connector.crm.RecordProblem.of(crmRecord);
        if (problem != null) { // the CRM connector found the record unusable as sent
            return Expected.refused(problem.code(), problem.reason());
        }
        Map<String, Object> event;
        try {
            event = mappings.handle(target.inboundMapping()).current().apply(crmRecord);
        } catch (MappingException e) {
            return Expected.refused(e.code(), e.getMessage());
        }
        if (ingestRules != null) {
            CleanseResult c = ingestRules.cleanse(event);
            if (c.rejected()) {
                return refused(c);
            }
            event = new LinkedHashMap<>(c.record());
            event.put("flags", c.flags());
        }
        // the event as CrmIngest publishes it: who and which version, the canonical fields, the flags
        Map<String, Object> published = new LinkedHashMap<>();
        published.put("sourceSystem", sourceSystem);
        published.put("sourceId", String.valueOf(crmRecord.get("Id")));
        published.put("sourceVersion", String.valueOf(crmRecord.get("SystemModstamp")));
        Map<String, Object> body = new LinkedHashMap<>(event);
        Object flags = body.remove("flags");
        published.putAll(body);
        published.put("flags", flags == null ? List.of() : flags);
        try {
            return new Expected(Json.readMap(Json.write(published)), null, null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Expected.refused("UNREADABLE_EVENT", e.getOriginalMessage());
        }
    }

    private static Expected refused(CleanseResult c) {
        return Expected.refused(c.rejections().stream().map(Rejection::code).distinct().collect(Collectors.joining(",")),
                c.rejections().stream().map(x -> x.field() + ": " + x.message()).collect(Collectors.joining("; ")));
    }

}
