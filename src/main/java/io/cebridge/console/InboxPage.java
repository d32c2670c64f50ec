package io.cebridge.console;

import io.cebridge.operate.LetterFilter;
import io.cebridge.operate.LetterView;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.LetterAction;
import io.cebridge.error.LetterCategory;
import java.util.List;
import java.util.Map;

/**
 * The error inbox: open failures and the records that only wait, apart (as `dlq list` and `dlq list --waiting`), and
 * one letter with its record, its history and the retry / resolve / edit forms (as `dlq show`). Identifiers are
 * masked as the CLI masks them by default.
 */
final class InboxPage {
    private static final LetterView VIEW = new LetterView(false);

    private InboxPage() {
    }

    static String list(List<DeadLetter> letters, boolean waiting, String flow) {
        LetterFilter filter = new LetterFilter(waiting ? LetterCategory.WAITING : null);
        List<DeadLetter> shown = filter.apply(letters);
        Html h = new Html();
        String q = flow == null ? "" : "flow=" + FlowsPage.enc(flow);
        h.raw("<p class=\"tabs\">").link(Layout.BASE + "/inbox" + (q.isEmpty() ? "" : "?" + q), "Failures")
                .raw(" | ").link(Layout.BASE + "/inbox?waiting=1" + (q.isEmpty() ? "" : "&" + q), "Waiting").raw("</p>");
        if (flow != null) {
            h.el("p", null, "flow " + flow);
        }
        h.raw("<table id=\"letters\"><thead><tr><th>Id</th><th>Flow</th><th>Category</th><th>Status</th><th>Tries</th>"
                + "<th>Stage</th><th>Source id</th><th>Reason</th><th>Last failed</th></tr></thead><tbody>");
        for (DeadLetter d : shown) {
            h.raw("<tr data-letter=\"").add(d.id()).raw("\"><td>").link(Layout.BASE + "/inbox/" + d.id(), d.id())
                    .raw("</td>").el("td", null, d.flow()).el("td", null, d.category().label()).el("td", null, d.status())
                    .el("td", null, d.attempts()).el("td", null, d.stage()).el("td", "source", d.sourceId())
                    .raw("<td><code>").add(d.reasonCode()).raw("</code> ").add(VIEW.reason(d)).raw("</td>")
                    .el("td", null, Html.time(d.lastFailedAt())).raw("</tr>");
        }
        h.raw("</tbody></table>").el("p", "count", shown.size() + (waiting ? " waiting record(s)" : " open failure(s)"));
        long notShown = filter.waitingNotShown(letters);
        if (notShown > 0) {
            h.el("p", "note", notShown + " more record(s) wait for a link or for what the ERP lacks and go by themselves"
                    + " (Waiting).");
        }
        return h.toString();
    }

    static String letter(DeadLetter d, List<LetterAction> actions, String csrf) {
        Html h = new Html();
        h.raw("<table class=\"fields\" id=\"letter\">");
        for (Map.Entry<String, Object> e : VIEW.fields(d).entrySet()) {
            if (e.getValue() != null) {
                h.raw("<tr><th>").add(e.getKey()).raw("</th><td data-field=\"").add(e.getKey()).raw("\">")
                        .add(e.getValue()).raw("</td></tr>");
            }
        }
        h.raw("</table>").el("h2", null, "Record");
        h.raw("<pre id=\"record\">");
        for (String line : VIEW.record(d)) {
            h.add(line).raw("\n");
        }
        h.raw("</pre>");
        if (DeadLetter.OPEN.equals(d.status())) {
            String base = Layout.BASE + "/inbox/" + d.id();
            h.el("h2", null, "Fix one field and retry");
            h.form(base + "/edit", csrf, "edit").raw("<label>Field <input name=\"field\" id=\"edit-field\" required"
                    + " placeholder=\"USCC__c\"></label> <label>New value <input name=\"value\" id=\"edit-value\"></label>"
                    + " <label>Note <input name=\"note\" maxlength=\"2000\"></label>"
                    + " <button type=\"submit\" id=\"edit-retry\">Save and retry</button></form>");
            h.el("p", "note", "The record is sent through every step of the flow again (mapping, cleansing, the"
                    + " target's checks): a value the rules refuse is refused again. Field names as in the record above"
                    + " (a.b into objects, lines.0.x into lists).");
            h.form(base + "/retry", csrf, "inline").raw("<button type=\"submit\" id=\"retry\">Retry as it is</button></form> ");
            h.form(base + "/resolve", csrf, "inline").raw("<input name=\"note\" maxlength=\"2000\" placeholder=\"why it is"
                    + " handled\"> <button type=\"submit\" id=\"resolve\">Resolve</button></form>");
        } else if (!DeadLetter.RESOLVED.equals(d.status())) {
            h.form(Layout.BASE + "/inbox/" + d.id() + "/resolve", csrf, "inline").raw("<input name=\"note\""
                    + " maxlength=\"2000\"> <button type=\"submit\" id=\"resolve\">Resolve</button></form>");
        }
        h.el("h2", null, "History");
        h.raw("<ul id=\"history\">");
        for (LetterAction a : actions) {
            h.raw("<li>").add(Html.time(a.at()) + " " + a.action() + " by " + a.actor()
                    + (a.note() == null ? "" : " (" + a.note() + ")") + (a.changes() == null ? "" : ": " + a.changes()))
                    .raw("</li>");
        }
        return h.raw("</ul>").toString();
    }
}
