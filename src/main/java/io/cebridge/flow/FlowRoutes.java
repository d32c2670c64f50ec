package io.cebridge.flow;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;

/**
 * Which flow a route belongs to. The route templates put a flow's routes in the group {@code {{flow}}}, but Camel 4.17
 * keeps a template's group as written, not resolved: every templated route reports the group {@code {{flow}}}. So a
 * route made from a template belongs to its template's {@code flow} parameter; any other route to its group.
 */
public final class FlowRoutes {
    private FlowRoutes() {
    }

    /** The flow of {@code route}, or null when it belongs to none. */
    public static String flowOf(CamelContext context, Route route) {
        String group = route.getGroup();
        if (group != null && !group.contains("{{")) {
            return group;
        }
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        RouteDefinition definition = model == null ? null : model.getRouteDefinition(route.getRouteId());
        Object flow = definition == null || definition.getTemplateParameters() == null ? null
                : definition.getTemplateParameters().get("flow");
        return flow == null ? null : flow.toString();
    }

    /** Every route of {@code flow} in {@code context}. */
    public static List<Route> routesOf(CamelContext context, String flow) {
        return context.getRoutes().stream().filter(r -> flow.equals(flowOf(context, r))).toList();
    }
}
