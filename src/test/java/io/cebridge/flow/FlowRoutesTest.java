package io.cebridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** A flow's routes are found by the flow's name, also when Camel reports a templated route's group unresolved. */
class FlowRoutesTest {
    @Test
    void routesMadeFromATemplateBelongToTheirFlowParameterOtherRoutesToTheirGroup() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    routeTemplate("poll").templateParameter("flow")
                            .from("direct:{{flow}}-poll").routeGroup("{{flow}}").log("polled");
                    from("direct:own").routeId("own").routeGroup("contacts").log("own");
                }
            });
            camel.addRouteFromTemplate("customer-master-poll", "poll", java.util.Map.of("flow", "customer-master"));
            camel.addRouteFromTemplate("returns-poll", "poll", java.util.Map.of("flow", "returns"));
            camel.start();

            assertThat(FlowRoutes.routesOf(camel, "customer-master")).extracting(Route::getRouteId)
                    .containsExactly("customer-master-poll");
            assertThat(FlowRoutes.routesOf(camel, "returns")).extracting(Route::getRouteId).containsExactly("returns-poll");
            assertThat(FlowRoutes.routesOf(camel, "contacts")).extracting(Route::getRouteId).containsExactly("own");
            assertThat(FlowRoutes.routesOf(camel, "{{flow}}")).as("the unresolved group is no flow").isEmpty();
        }
    }
}
