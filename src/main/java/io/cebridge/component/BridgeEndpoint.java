package io.cebridge.component;

import java.util.Map;
import java.util.Set;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * An endpoint of ce-bridge's own components: a step a route sends its exchange to. Its options are endpoint
 * parameters; an option the endpoint does not know is refused when the route is loaded, naming the option.
 */
abstract class BridgeEndpoint extends DefaultEndpoint {
    private String flow;

    BridgeEndpoint(String uri, Component component) {
        super(uri, component);
    }

    public String getFlow() {
        return flow;
    }

    /** The flow this endpoint belongs to: its state, counters and dead letters are that flow's. */
    public void setFlow(String flow) {
        this.flow = flow;
    }

    // resolved once: process() runs per page or Kafka batch, and the registry look-up behind them is a type scan
    private volatile FlowParts parts;
    private volatile FlowServices services;

    FlowParts parts() {
        FlowParts p = parts;
        if (p == null) {
            p = FlowParts.of(getCamelContext(), flow);
            parts = p;
        }
        return p;
    }

    FlowServices services() {
        FlowServices s = services;
        if (s == null) {
            s = FlowServices.from(getCamelContext());
            services = s;
        }
        return s;
    }

    abstract void process(Exchange exchange) throws Exception;

    /** Opens what the step needs (tables, mappings, sources); called only while the endpoint's flow is enabled. */
    abstract void startForFlow() throws Exception;

    @Override
    protected final void doStart() throws Exception {
        super.doStart();
        // a disabled flow declared in a loaded file has its routes, never started: its endpoints open nothing (its
        // ERP table may not even exist)
        if (services().cfg().enabledFlows().contains(flow)) {
            startForFlow();
        }
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws Exception {
                try {
                    BridgeEndpoint.this.process(exchange);
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Error e) {
                    // an Error escaping a step (e.g. a JDBC driver's assert while its connection breaks) would end the
                    // consumer's thread without a trace; as an exception it fails this batch, which is not acknowledged
                    // and comes again
                    throw new IllegalStateException(getEndpointUri().replaceAll("\\?.*", "") + " failed: " + e, e);
                }
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(getEndpointUri() + " is a step: use it with to:, not from:");
    }

    @Override
    public boolean isSingleton() {
        return true;
    }

    /** Refuses options that the endpoint would accept but that mean nothing for what {@code what} does. */
    static void only(String what, Map<String, Object> params, Set<String> allowed) {
        for (String k : params.keySet()) {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(what + " has no option '" + k + "'; its options are "
                        + new java.util.TreeSet<>(allowed));
            }
        }
    }

    static java.util.List<String> list(String csv) {
        if (csv == null || csv.isBlank()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
