package io.cebridge.console;

import io.cebridge.runtime.FlowStatusReport;
import io.cebridge.store.FlowStatusQuery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The flows overview: `status`'s table with pause / resume per flow, and the last hour's throughput chart. */
final class FlowsPage {
    private FlowsPage() {
    }

    static String body(List<FlowStatusReport.Row> rows, Throughput.Series throughput, String csrf) {
        Html h = new Html();
        h.raw("<table id=\"flows\"><thead><tr><th>Flow</th><th>State</th><th>Last poll</th><th>Watermark</th>"
                + "<th>Lag</th><th>Records</th><th>Open dead letters</th><th></th></tr></thead><tbody>");
        for (FlowStatusReport.Row r : rows) {
            String flow = r.flow();
            h.raw("<tr data-flow=\"").add(flow).raw("\">").el("td", "flow", flow);
            h.raw("<td class=\"state ").add(r.state()).raw("\">").add(r.state());
            if (r.detail() != null) {
                h.raw("<br><small>").add(r.detail()).raw("</small>");
            }
            h.raw("</td>").el("td", null, Html.time(r.lastPoll()));
            h.raw("<td>");
            for (FlowStatusQuery.Position p : r.watermarks()) {
                h.el("div", null, (r.watermarks().size() > 1 ? p.name() + ": " : "") + p.stamp());
            }
            h.raw("</td>").el("td", null, r.lag() == null ? "-" : r.lag());
            h.raw("<td>");
            for (Map.Entry<String, Long> e : r.outcomes().entrySet()) {
                h.el("div", null, e.getKey().toLowerCase(java.util.Locale.ROOT) + " " + e.getValue());
            }
            h.raw("</td><td>");
            if (r.openDeadLetters() > 0) {
                h.link(Layout.BASE + "/inbox?flow=" + enc(flow), r.openDeadLetters());
            } else {
                h.add(0);
            }
            h.raw("</td><td>");
            String base = Layout.BASE + "/flows/" + enc(flow);
            if ("running".equals(r.state())) {
                h.form(base + "/pause", csrf, "inline").raw("<button type=\"submit\" class=\"pause\">Pause</button></form>");
            } else if ("paused".equals(r.state())) {
                h.form(base + "/resume", csrf, "inline").raw("<button type=\"submit\" class=\"resume\">Resume</button></form>");
            }
            h.raw("</td></tr>");
        }
        h.raw("</tbody></table>");
        h.el("h2", null, "Throughput, last hour (records per minute, all instances)");
        h.raw("<p class=\"legend\"><span class=\"read\">read ").add(throughput.total(throughput.read()))
                .raw("</span> <span class=\"delivered\">delivered ").add(throughput.total(throughput.delivered()))
                .raw("</span> <span class=\"dead\">dead-lettered ").add(throughput.total(throughput.deadLettered()))
                .raw("</span></p>");
        h.raw(ThroughputChart.svg(throughput));
        h.el("p", "note", "State is this instance's: running, paused (from this page), stopped, failed (a system failure"
                + " stopped it) or disabled. A pause suspends the flow's routes on this instance until resumed or"
                + " restarted.");
        return h.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
