package io.cebridge.reconcile;

import io.cebridge.json.Json;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of reconciling one flow: counts, and one finding per record that is not simply equal on both sides. */
public record ReconcileReport(String flow, String crmObject, String erpTable, int crmRecords, int erpRows, int agree,
                             int erpRowsWithoutCrmId, List<Finding> findings, boolean erpToCrm) {

    public ReconcileReport {
        findings = List.copyOf(findings);
    }

    /** A report of a CRM -> ERP flow (or financial-summary). */
    public ReconcileReport(String flow, String crmObject, String erpTable, int crmRecords, int erpRows, int agree,
                           int erpRowsWithoutCrmId, List<Finding> findings) {
        this(flow, crmObject, erpTable, crmRecords, erpRows, agree, erpRowsWithoutCrmId, findings, false);
    }

    /**
     * Whether `--repair` sends this finding's record through the flow again: {@link Finding.Kind#repairable()} for a
     * CRM -> ERP flow; for an ERP -> CRM document flow, a document only in the ERP or different (a record only in the
     * CRM is reported, never deleted).
     */
    public boolean repairable(Finding f) {
        return erpToCrm ? f.kind() == Finding.Kind.ONLY_IN_ERP || f.kind() == Finding.Kind.DIFFERENT
                : f.kind().repairable();
    }

    /**
     * The same report with the values of identifying columns (统一社会信用代码, phone, e-mail: {@code PiiMask})
     * masked in the differences and in the details, as `dlq list` shows reasons unless {@code --show-pii}.
     */
    public ReconcileReport withPiiMasked() {
        List<Finding> masked = new ArrayList<>();
        for (Finding f : findings) {
            List<Finding.ColumnDifference> diffs = new ArrayList<>();
            for (Finding.ColumnDifference d : f.differences()) {
                boolean pii = io.cebridge.error.PiiMask.isPiiField(d.column());
                diffs.add(pii ? new Finding.ColumnDifference(d.column(), mask(d.crm()), mask(d.erp())) : d);
            }
            masked.add(new Finding(f.kind(), f.crmId(), f.erpNo(), f.detail() == null ? null
                    : io.cebridge.error.PiiMask.reason(f.detail(), null), diffs));
        }
        return new ReconcileReport(flow, crmObject, erpTable, crmRecords, erpRows, agree, erpRowsWithoutCrmId, masked,
                erpToCrm);
    }

    private static Object mask(Object value) {
        return value == null ? null : io.cebridge.error.PiiMask.mask(value.toString());
    }

    /** True when nothing found counts as a disagreement (`reconcile` exits 0). */
    public boolean agrees() {
        return findings.stream().noneMatch(f -> f.kind().disagreement());
    }

    public long count(Finding.Kind kind) {
        return findings.stream().filter(f -> f.kind() == kind).count();
    }

    /** A short summary, then one line per finding, disagreements first. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        if (erpToCrm) {
            out.append("reconcile ").append(flow).append(": ").append(erpRows).append(" ERP ").append(erpTable)
                    .append("(s), ").append(crmRecords).append(" CRM record(s) of ").append(crmObject).append('\n');
        } else {
            out.append("reconcile ").append(flow).append(": ").append(crmRecords).append(" CRM ").append(crmObject)
                    .append(" record(s), ").append(erpRows).append(" ERP ").append(erpTable).append(" row(s)\n");
        }
        out.append("  agree ").append(agree).append(", only in CRM ").append(count(Finding.Kind.ONLY_IN_CRM))
                .append(", only in ERP ").append(count(Finding.Kind.ONLY_IN_ERP)).append(", different ")
                .append(count(Finding.Kind.DIFFERENT)).append(", not linked ").append(count(Finding.Kind.NOT_LINKED))
                .append(", refused by the flow ").append(count(Finding.Kind.REFUSED)).append('\n');
        if (erpToCrm) {
            out.append("  not compared: ").append(count(Finding.Kind.DEAD_LETTERED))
                    .append(" with an unresolved dead letter (dlq list)\n");
        } else {
            out.append("  not compared: ").append(count(Finding.Kind.DEAD_LETTERED))
                    .append(" with an unresolved dead letter (dlq list), ").append(count(Finding.Kind.SHARED))
                    .append(" sharing another record's ERP row, ").append(erpRowsWithoutCrmId)
                    .append(" ERP row(s) without a CRM id (made in the ERP)\n");
        }
        List<Finding> ordered = new ArrayList<>(findings);
        ordered.sort((a, b) -> Boolean.compare(b.kind().disagreement(), a.kind().disagreement()));
        for (Finding f : ordered) {
            out.append(String.format("%-13s %-18s %-8s ", f.kind(), f.crmId() == null ? "-" : f.crmId(),
                    f.erpNo() == null ? "-" : f.erpNo()));
            if (f.differences().isEmpty()) {
                out.append(f.detail());
            } else {
                if (f.detail() != null && !f.detail().isEmpty()) {
                    out.append(f.detail()).append("; ");
                }
                List<String> cols = new ArrayList<>();
                for (Finding.ColumnDifference d : f.differences()) {
                    cols.add(d.column() + ": CRM " + ValueComparison.show(d.crm()) + ", ERP " + ValueComparison.show(d.erp()));
                }
                out.append(String.join("; ", cols));
            }
            out.append('\n');
        }
        out.append(agrees() ? "both sides agree\n" : disagreements() + " disagreement(s)\n");
        return out.toString();
    }

    private long disagreements() {
        return findings.stream().filter(f -> f.kind().disagreement()).count();
    }

    /** The report as one JSON object; values keep their exact decimals. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flow", flow);
        m.put("crmObject", crmObject);
        m.put("erpTable", erpTable);
        m.put("direction", erpToCrm ? "erp-to-crm" : "crm-to-erp");
        m.put("crmRecords", crmRecords);
        m.put("erpRows", erpRows);
        m.put("agree", agree);
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<Finding.Kind, Long> by = new EnumMap<>(Finding.Kind.class);
        findings.forEach(f -> by.merge(f.kind(), 1L, Long::sum));
        for (Finding.Kind k : Finding.Kind.values()) {
            counts.put(k.name(), by.getOrDefault(k, 0L));
        }
        m.put("counts", counts);
        m.put("erpRowsWithoutCrmId", erpRowsWithoutCrmId);
        m.put("agrees", agrees());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("kind", f.kind().name());
            o.put("crmId", f.crmId());
            o.put("erpNo", f.erpNo());
            o.put("detail", f.detail());
            List<Map<String, Object>> diffs = new ArrayList<>();
            for (Finding.ColumnDifference d : f.differences()) {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("column", d.column());
                dm.put("crm", ValueComparison.forJson(d.crm()));
                dm.put("erp", ValueComparison.forJson(d.erp()));
                diffs.add(dm);
            }
            o.put("differences", diffs);
            list.add(o);
        }
        m.put("findings", list);
        return Json.write(m);
    }
}
