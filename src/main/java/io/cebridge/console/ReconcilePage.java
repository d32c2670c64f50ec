package io.cebridge.console;

import io.cebridge.reconcile.Finding;
import io.cebridge.reconcile.ReconcileReport;
import java.time.Instant;
import java.util.List;

/** The reconciliation of a flow, run on demand (as `reconcile --flow F`), identifiers masked as the CLI masks them. */
final class ReconcilePage {
    /** A finished run: its report, or why it could not read both sides. */
    record Run(String flow, Instant at, String by, ReconcileReport report, String failure) {
    }

    private ReconcilePage() {
    }

    static String body(List<String> flows, String flow, Run last, String csrf) {
        Html h = new Html();
        h.form(Layout.BASE + "/reconcile", csrf, "search").raw("<label>Flow <select name=\"flow\" id=\"reconcile-flow\">");
        for (String f : flows) {
            h.raw("<option value=\"").add(f).raw(f.equals(flow) ? "\" selected>" : "\">").add(f).raw("</option>");
        }
        h.raw("</select></label> <button type=\"submit\" id=\"reconcile-run\">Run reconciliation</button></form>");
        h.el("p", "note", "Reads both sides through the connectors and matches them through the cross-reference; it"
                + " changes nothing. Repair sends records through the flow again: reconcile --flow F --repair.");
        if (last == null) {
            return h.toString();
        }
        h.el("h2", null, last.flow() + ", " + Html.time(last.at()) + " by " + last.by());
        if (last.failure() != null) {
            return h.el("p", "error", last.failure()).toString();
        }
        ReconcileReport r = last.report();
        h.raw("<table id=\"reconcile-summary\"><tr><th>CRM records</th><th>ERP rows</th><th>Agree</th>");
        for (Finding.Kind k : Finding.Kind.values()) {
            h.el("th", null, k.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        h.raw("</tr><tr>").el("td", null, r.crmRecords()).el("td", null, r.erpRows()).el("td", null, r.agree());
        for (Finding.Kind k : Finding.Kind.values()) {
            h.el("td", null, r.count(k));
        }
        h.raw("</tr></table>").el("p", r.agrees() ? "ok" : "error", r.agrees() ? "Both sides agree." : "The sides differ.");
        return h.raw("<pre id=\"reconcile-report\">").add(r.withPiiMasked().toText()).raw("</pre>").toString();
    }
}
