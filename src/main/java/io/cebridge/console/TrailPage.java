package io.cebridge.console;

import io.cebridge.store.RecordTrailQuery;

/** One record's story (as `trail ID`): its links, every audited step and its dead letters with what people did. */
final class TrailPage {
    private TrailPage() {
    }

    static String body(String id, RecordTrailQuery.Trail trail) {
        Html h = new Html();
        h.raw("<form method=\"get\" action=\"" + Layout.BASE + "/trail\" class=\"search\"><label>CRM id, ERP key or"
                + " document key <input name=\"id\" id=\"trail-id\" required value=\"").add(id == null ? "" : id)
                .raw("\"></label> <button type=\"submit\" id=\"trail-search\">Show trail</button></form>");
        if (id == null) {
            return h.toString();
        }
        if (trail.isEmpty()) {
            return h.el("p", "empty", "The store knows nothing of " + id + ".").toString();
        }
        h.el("h2", null, "Links");
        h.raw("<table id=\"trail-links\"><tr><th>Entity</th><th>CRM id</th><th>ERP key</th><th>Version applied</th>"
                + "<th>When</th></tr>");
        for (RecordTrailQuery.Link l : trail.links()) {
            h.raw("<tr>").el("td", null, l.entity()).el("td", null, l.crmId()).el("td", null, l.erpId())
                    .el("td", null, l.sourceVersion()).el("td", null, Html.time(l.updatedAt())).raw("</tr>");
        }
        h.raw("</table>").el("h2", null, "Steps");
        h.raw("<table id=\"trail-events\"><tr><th>When</th><th>Flow</th><th>Step</th><th>Source id</th><th>Version</th>"
                + "<th>Target</th><th>Key there</th><th>Mapping</th><th>Flags</th></tr>");
        for (RecordTrailQuery.Event e : trail.events()) {
            h.raw("<tr>").el("td", null, Html.time(e.at())).el("td", null, e.flow()).el("td", "action", e.action())
                    .el("td", null, e.sourceId()).el("td", null, e.sourceVersion()).el("td", null, e.target())
                    .el("td", null, e.targetId()).el("td", null, e.mappingFile() == null ? null : e.mappingFile()
                            + (e.mappingHash() == null ? "" : " sha256:" + e.mappingHash().substring(0,
                            Math.min(12, e.mappingHash().length()))))
                    .el("td", null, e.flags()).raw("</tr>");
        }
        h.raw("</table>").el("h2", null, "Dead letters");
        h.raw("<table id=\"trail-letters\"><tr><th>Id</th><th>Flow</th><th>Stage</th><th>Reason</th><th>Status</th>"
                + "<th>Tries</th><th>First failed</th><th>Resolved</th><th>People</th></tr>");
        for (RecordTrailQuery.Letter d : trail.deadLetters()) {
            h.raw("<tr><td>").link(Layout.BASE + "/inbox/" + d.id(), d.id()).raw("</td>").el("td", null, d.flow())
                    .el("td", null, d.stage()).el("td", null, d.reasonCode() + " " + d.reason())
                    .el("td", null, d.status()).el("td", null, d.attempts()).el("td", null, Html.time(d.firstFailedAt()))
                    .el("td", null, Html.time(d.resolvedAt())).raw("<td>");
            for (RecordTrailQuery.Action a : d.actions()) {
                h.el("div", null, Html.time(a.at()) + " " + a.action() + " by " + a.actor()
                        + (a.note() == null ? "" : " (" + a.note() + ")"));
            }
            h.raw("</td></tr>");
        }
        return h.raw("</table>").toString();
    }
}
