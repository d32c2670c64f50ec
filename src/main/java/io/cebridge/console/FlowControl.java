package io.cebridge.console;

import io.cebridge.flow.FlowRoutes;

import io.cebridge.runtime.FlowFailures;
import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;

/**
 * Pauses and resumes a flow of this instance through Camel's route controller: every route of the flow's group
 * (poller, delivery, dead-letter replay) is suspended, so nothing is read and nothing is delivered; what is on the
 * flow's topic waits there, uncommitted, and is delivered on resume. A pause lasts until resume or a restart of
 * this instance; other instances of a cluster are not paused.
 */
final class FlowControl {
    private final Supplier<CamelContext> camel;
    private final FlowFailures failures;

    FlowControl(Supplier<CamelContext> camel, FlowFailures failures) {
        this.camel = camel;
        this.failures = failures;
    }

    /** failed: reason, paused, running, stopped, or null when this instance has no route of the flow. */
    String state(String flow) {
        String failure = failures.stoppedFlows().get(flow);
        if (failure != null) {
            return "failed: " + failure;
        }
        CamelContext context = camel.get();
        List<Route> routes = routes(context, flow);
        if (routes.isEmpty()) {
            return null;
        }
        boolean suspended = false;
        boolean started = false;
        for (Route r : routes) {
            ServiceStatus s = context.getRouteController().getRouteStatus(r.getRouteId());
            suspended |= s == ServiceStatus.Suspended || s == ServiceStatus.Suspending;
            started |= s == ServiceStatus.Started;
        }
        return suspended ? "paused" : started ? "running" : "stopped";
    }

    /** Suspends the flow's started routes; false when this instance runs none. */
    boolean pause(String flow) throws Exception {
        CamelContext context = camel.get();
        boolean any = false;
        for (Route r : routes(context, flow)) {
            if (context.getRouteController().getRouteStatus(r.getRouteId()) == ServiceStatus.Started) {
                context.getRouteController().suspendRoute(r.getRouteId());
                any = true;
            }
        }
        return any;
    }

    /** Resumes the flow's suspended routes; false when none was suspended. */
    boolean resume(String flow) throws Exception {
        CamelContext context = camel.get();
        boolean any = false;
        for (Route r : routes(context, flow)) {
            if (context.getRouteController().getRouteStatus(r.getRouteId()) == ServiceStatus.Suspended) {
                context.getRouteController().resumeRoute(r.getRouteId());
                any = true;
            }
        }
        return any;
    }

    private static List<Route> routes(CamelContext context, String flow) {
        return context == null ? List.of() : FlowRoutes.routesOf(context, flow);
    }
}
