package io.cebridge.reconcile;

import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.connector.erp.jdbc.ErpColumn;
import io.cebridge.connector.erp.jdbc.JdbcUpsertWriter;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import io.cebridge.store.XrefEntry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Reconciles one CRM -> ERP flow: reads every CRM record the flow's ingest selects and every row of its ERP table,
 * matches them through the cross-reference, and compares each linked row's owned columns with what the flow would
 * write for the CRM record now ({@link ExpectedRows}). Reads only; {@link Repair} sends records through the flow again.
 */
public final class Reconciler {
    private final ReconcileTarget target;
    private final CrmRecordWriter crm;
    private final DataSource erp;
    private final StateStore store;
    private final MappingRegistry mappings;
    private final String sourceSystem;

    /** What the last {@link #run} read from the CRM, by id: what `--repair` sends through the flow. */
    private final Map<String, Map<String, Object>> crmRecords = new LinkedHashMap<>();

    public Reconciler(ReconcileTarget target, String sourceSystem, CrmRecordWriter crm, DataSource erp, StateStore store,
                      MappingRegistry mappings) {
        this.target = target;
        this.sourceSystem = sourceSystem;
        this.crm = crm;
        this.erp = erp;
        this.store = store;
        this.mappings = mappings;
    }

    public ReconcileTarget target() {
        return target;
    }

    /** The CRM record as the last run read it (what ingest would read), or null. */
    Map<String, Object> crmRecord(String id) {
        return crmRecords.get(id);
    }

    /** The SOQL of the flow's ingest without its watermark: every record the flow selects. */
    String soql() {
        String q = "SELECT " + String.join(", ", target.fields()) + " FROM " + target.object();
        return target.where().isBlank() ? q : q + " WHERE " + target.where();
    }

    public ReconcileReport run() throws SQLException {
        String key = target.erp().key().toLowerCase(Locale.ROOT);
        String number = target.erp().number().toLowerCase(Locale.ROOT);
        List<String> columns = new ArrayList<>(target.erp().columns());
        columns.add(target.erp().key());
        columns.add(target.erp().number());
        ErpRows table = new ErpRows(erp, target.erp().table(), columns);
        ReconcileTarget.Link link = target.link();
        ErpRows parents = link == null || link.parentTable() == null ? null : new ErpRows(erp, link.parentTable(),
                concat(link.parentColumns(), link.parentKey()));
        ExpectedRows expected = new ExpectedRows(target, sourceSystem, mappings, store.xref(), parents);

        crmRecords.clear();
        for (Map<String, Object> r : crm.find(soql())) {
            crmRecords.put(String.valueOf(r.get("Id")), r);
        }
        List<Map<String, Object>> rows = table.all();
        Map<String, Map<String, Object>> byNumber = new HashMap<>();
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        for (Map<String, Object> row : rows) {
            byNumber.put(String.valueOf(row.get(number)), row);
            if (row.get(key) != null) {
                byKey.put(String.valueOf(row.get(key)), row);
            }
        }
        Map<String, XrefEntry> links = store.xref().find(target.entity(), crmRecords.keySet());
        Map<String, DeadLetter> letters = new HashMap<>();
        for (DeadLetter d : store.deadLetters().list(target.flow(), false)) {
            letters.put(d.sourceId(), d);
        }
        expected.prepare(List.copyOf(crmRecords.values()));

        List<Finding> findings = new ArrayList<>();
        Set<String> matched = new HashSet<>();
        int agree = 0;
        for (Map.Entry<String, Map<String, Object>> e : crmRecords.entrySet()) {
            String id = e.getKey();
            XrefEntry x = links.get(id);
            DeadLetter letter = letters.get(id);
            Map<String, Object> row = x == null ? null : byNumber.get(x.erpId());
            String no = row != null ? String.valueOf(row.get(number)) : x != null ? x.erpId() : null;
            if (row != null && !id.equals(String.valueOf(row.get(key)))) {
                findings.add(Finding.of(Finding.Kind.SHARED, id, no, "linked to the ERP row of "
                        + (row.get(key) == null ? "no CRM record" : "CRM record " + row.get(key))
                        + letterNote(letter) + " (e.g. one 统一社会信用代码): that row is compared with its own record"));
                continue;
            }
            String notLinked = null;
            if (x == null && byKey.containsKey(id)) {
                row = byKey.get(id);
                no = String.valueOf(row.get(number));
                notLinked = "ERP row " + no + " holds this CRM id but the cross-reference does not link them";
            }
            if (row != null) {
                matched.add(String.valueOf(row.get(number)));
            }
            ExpectedRows.Expected exp = expected.of(e.getValue());
            if (letter != null && (row == null || exp.row() == null || !differences(table, exp.row(), row).isEmpty())) {
                findings.add(Finding.of(Finding.Kind.DEAD_LETTERED, id, no, "dead letter " + letter.id() + " "
                        + letter.reasonCode() + " (" + letter.status() + ", stage " + letter.stage() + ")"));
                continue;
            }
            if (exp.row() == null) {
                findings.add(Finding.of(Finding.Kind.REFUSED, id, no, "the flow refuses the record as it is now: "
                        + exp.refusedCode() + ": " + exp.refusedReason()));
                continue;
            }
            if (row == null) {
                findings.add(Finding.of(Finding.Kind.ONLY_IN_CRM, id, no, x == null
                        ? "no ERP row: never delivered"
                        : "ERP row " + x.erpId() + " is gone (the cross-reference still links it)"));
                continue;
            }
            List<Finding.ColumnDifference> diffs = differences(table, exp.row(), row);
            if (notLinked != null) {
                findings.add(new Finding(Finding.Kind.NOT_LINKED, id, no, notLinked, diffs));
            } else if (!diffs.isEmpty()) {
                findings.add(new Finding(Finding.Kind.DIFFERENT, id, no, "", diffs));
            } else {
                agree++;
            }
        }
        int withoutCrmId = 0;
        for (Map<String, Object> row : rows) {
            String no = String.valueOf(row.get(number));
            Object crmId = row.get(key);
            if (crmId == null) {
                withoutCrmId++;
            } else if (!matched.contains(no)) {
                findings.add(Finding.of(Finding.Kind.ONLY_IN_ERP, crmId.toString(), no,
                        crmRecords.containsKey(crmId.toString())
                                ? "the cross-reference links CRM record " + crmId + " to another ERP row"
                                : "CRM record " + crmId + " is not among the flow's " + target.object()
                                + " records (deleted, or outside the flow's selection)"));
            }
        }
        return new ReconcileReport(target.flow(), target.object(), target.erp().table(), crmRecords.size(), rows.size(),
                agree, withoutCrmId, findings);
    }

    /** The owned columns whose ERP value is not the mapped one, in the route file's order (the key column included). */
    private List<Finding.ColumnDifference> differences(ErpRows table, Map<String, Object> expected,
                                                      Map<String, Object> stored) {
        return differences(table.table()::require, target.erp().columns(), expected, stored);
    }

    static List<Finding.ColumnDifference> differences(java.util.function.Function<String, ErpColumn> columnOf,
                                                     List<String> owned, Map<String, Object> expected,
                                                     Map<String, Object> stored) {
        List<Finding.ColumnDifference> out = new ArrayList<>();
        for (String name : owned) {
            ErpColumn col = columnOf.apply(name);
            Object want = JdbcUpsertWriter.valueOf(expected, col.name());
            Object have = stored.get(col.name().toLowerCase(Locale.ROOT));
            if (!ValueComparison.same(col, want, have)) {
                out.add(new Finding.ColumnDifference(col.name().toLowerCase(Locale.ROOT), want, have));
            }
        }
        return out;
    }

    private static String letterNote(DeadLetter letter) {
        return letter == null ? "" : " (dead letter " + letter.id() + " " + letter.reasonCode() + ")";
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }
}
