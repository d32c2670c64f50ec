package io.cebridge.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;

/**
 * Creates every crm:, erp: and step: endpoint of the loaded routes, as the runtime would, without starting anything:
 * an option the endpoint does not know, a missing one or a bad value is reported with the route file of the flow.
 */
final class EndpointCheck {
    private static final Pattern PARAM = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9-]*)}}");
    private static final List<String> SCHEMES = List.of("crm:", "erp:", "step:");

    private EndpointCheck() {
    }

    /** {@code fileOfFlow}: the route file declaring each flow, to name in problems; {@code props}: placeholders. */
    static List<String> check(DefaultCamelContext ctx, Map<String, String> fileOfFlow, Properties props) {
        List<String> problems = new ArrayList<>();
        ctx.getPropertiesComponent().setInitialProperties(props);
        Model model = ctx.getCamelContextExtension().getContextPlugin(Model.class);
        for (RouteDefinition rd : model.getRouteDefinitions()) {
            Map<String, Object> params = rd.getTemplateParameters() == null ? Map.of() : rd.getTemplateParameters();
            String flow = params.get("flow") == null ? null : params.get("flow").toString();
            String where = flow == null ? "route " + rd.getRouteId()
                    : at(fileOfFlow.get(flow), rd.getRouteId()) + " (flow " + flow + ")";
            List<String> uris = new ArrayList<>();
            ProcessorDefinitionHelper.filterTypeInOutputs(rd.getOutputs(), SendDefinition.class)
                    .forEach(sd -> uris.add(((SendDefinition<?>) sd).getEndpointUri()));
            for (String raw : uris) {
                if (raw == null || SCHEMES.stream().noneMatch(raw::startsWith)) {
                    continue;
                }
                String uri = raw;
                try {
                    uri = substitute(raw, params);
                    ctx.getEndpoint(ctx.resolvePropertyPlaceholders(uri));
                } catch (RuntimeException e) {
                    problems.add("route: " + where + ": " + uri + ": " + root(e));
                }
            }
        }
        return problems;
    }

    /** FILE:LINE of the templatedRoute that made the route (its routeId line), or the route id when unknown. */
    static String at(String file, String routeId) {
        if (file == null) {
            return "route " + routeId;
        }
        try {
            List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(file));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().equals("routeId: " + routeId)) {
                    return file + ":" + (i + 1);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // a bundled file (classpath:) or one gone since: the file name alone still says where to look
        }
        return file;
    }

    private static String substitute(String uri, Map<String, Object> params) {
        Matcher m = PARAM.matcher(uri);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = params.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
