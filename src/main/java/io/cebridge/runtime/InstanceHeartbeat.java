package io.cebridge.runtime;

import io.cebridge.config.FlowCatalog;
import io.cebridge.instance.InstanceFlowRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what this instance runs to the state store every {@link #PERIOD}: each flow of its route files with the state
 * its routes have (running, stopped, disabled, failed: reason), and removes it when the instance stops. `status`
 * reads these rows, so it shows a running demo's flows as the demo runs them, not as the CLI's configuration says.
 */
final class InstanceHeartbeat extends RouteBuilder {
    static final String ROUTE_ID = "ce-bridge-instance-heartbeat";
    /** How often the rows are rewritten; `status` takes rows older than a few periods for an instance that is gone. */
    static final Duration PERIOD = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(InstanceHeartbeat.class);
    private final InstanceFlowRepository rows;
    private final String instanceId;
    private final List<String> flows;
    private final Set<String> enabled;
    private final FlowFailures failures;
    private final Clock clock;

    InstanceHeartbeat(InstanceFlowRepository rows, String instanceId, FlowCatalog catalog, Set<String> enabled,
                      FlowFailures failures, Clock clock) {
        this.rows = rows;
        this.instanceId = instanceId;
        this.flows = catalog.flows().stream().map(FlowCatalog.Flow::name).toList();
        this.enabled = Set.copyOf(enabled);
        this.failures = failures;
        this.clock = clock;
    }

    /** This process on this host: what `status` names as the instance it shows. */
    static String thisInstance() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return ProcessHandle.current().pid() + "@" + host;
    }

    @Override
    public void configure() throws Exception {
        getContext().addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                try {
                    rows.remove(instanceId); // stopped: `status` falls back to what the store and config say
                } catch (Exception e) {
                    LOG.debug("instance rows not removed ({}); they age out", e.getClass().getSimpleName());
                }
            }
        });
        from("timer:" + ROUTE_ID + "?period=" + PERIOD.toMillis()).routeId(ROUTE_ID).process(exchange -> {
            try {
                rows.save(instanceId, states(exchange.getContext()));
            } catch (Exception e) { // the store is down: /health says so; `status` shows no instance meanwhile
                LOG.debug("instance rows not written ({})", e.getClass().getSimpleName());
            }
        });
    }

    List<InstanceFlowRepository.FlowState> states(CamelContext camel) {
        List<InstanceFlowRepository.FlowState> out = new ArrayList<>();
        java.time.Instant now = clock.instant();
        for (String flow : flows) {
            String state;
            String detail = null;
            String failure = failures.stoppedFlows().get(flow);
            if (!enabled.contains(flow)) {
                state = "disabled";
            } else if (failure != null) {
                state = "failed";
                detail = failure;
            } else {
                // a templated route's group is not always resolved; its id is the flow's name and the step's
                List<Route> routes = camel.getRoutes().stream().filter(r -> flow.equals(r.getGroup())
                        || r.getRouteId().startsWith(flow + "-")).toList();
                state = routes.stream().anyMatch(r -> camel.getRouteController().getRouteStatus(r.getRouteId())
                        == ServiceStatus.Started) ? "running" : "stopped";
            }
            out.add(new InstanceFlowRepository.FlowState(instanceId, flow, state, detail, now));
        }
        return out;
    }
}
