package io.cebridge.observe;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The metric names the Grafana dashboard's and the Prometheus alert rules' PromQL expressions use. */
final class MetricNamesInUse {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan");
    private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

    private MetricNamesInUse() {
    }

    /** Every PromQL expression of the dashboard: its panels' targets and its query variables. */
    static List<String> dashboardExpressions(Path file) throws Exception {
        JsonNode root = Json.MAPPER.readTree(Files.readString(file));
        List<String> out = new ArrayList<>();
        for (JsonNode panel : root.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                out.add(target.path("expr").asText());
            }
        }
        return out;
    }

    static Set<String> dashboard(Path file) throws Exception {
        Set<String> names = new TreeSet<>();
        dashboardExpressions(file).forEach(e -> names.addAll(names(e)));
        JsonNode root = Json.MAPPER.readTree(Files.readString(file));
        for (JsonNode variable : root.path("templating").path("list")) {
            JsonNode q = variable.path("query");
            Matcher m = LABEL_VALUES.matcher(q.isObject() ? q.path("query").asText() : q.asText());
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Every rule of every group: name -> the rule's map (alert, expr, for, labels, annotations). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alertRules(Path file) throws Exception {
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(file));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) root.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    static Set<String> alerts(Path file) throws Exception {
        Set<String> names = new TreeSet<>();
        alertRules(file).forEach(r -> names.addAll(names(String.valueOf(r.get("expr")))));
        return names;
    }

    /** Metric names of one expression: identifiers outside label matchers, strings, ranges and grouping clauses. */
    static Set<String> names(String expr) {
        String e = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"") // strings (label values, regexes)
                .replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\[[^]]*]", " ") // ranges and subqueries
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\{?[a-zA-Z_]+}?", " "); // Grafana variables
        Set<String> names = new TreeSet<>();
        Matcher m = IDENT.matcher(e);
        while (m.find()) {
            String id = m.group();
            int next = m.end();
            while (next < e.length() && e.charAt(next) == ' ') {
                next++;
            }
            boolean call = next < e.length() && e.charAt(next) == '(';
            boolean number = m.start() > 0 && Character.isDigit(e.charAt(m.start() - 1));
            if (!call && !number && !KEYWORDS.contains(id.toLowerCase(java.util.Locale.ROOT))) {
                names.add(id);
            }
        }
        return names;
    }
}
