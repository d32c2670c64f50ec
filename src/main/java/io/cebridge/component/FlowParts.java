package io.cebridge.component;

import io.cebridge.flow.PollLease;
import io.cebridge.flow.crmtoerp.CrmIngest;
import io.cebridge.flow.crmtoerp.CrmToErpDelivery;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-flow objects a flow's endpoints share (its ingest, its delivery, its poll lease), made when the first
 * endpoint of the flow is created: the steps of one flow's routes all work on the same ones.
 */
final class FlowParts {
    final String flow;
    final CrmIngest ingest;
    final CrmToErpDelivery delivery;
    final PollLease lease;
    volatile io.cebridge.connector.crm.CrmPageSource source;
    volatile Link link;
    volatile io.cebridge.flow.crmtoerp.Requirements requirements;
    /** The flow's write-back outbox (volume mode), when its CRM writes in bulk; the poll tells it the load's size. */
    volatile io.cebridge.flow.crmtoerp.WriteBackOutbox outbox;

    /** How a flow's records find their parent, for releasing the ones waiting for it. */
    record Link(String entity, String field) {
    }

    private FlowParts(String flow, FlowServices s) {
        this.flow = flow;
        this.ingest = new CrmIngest(flow, s.cfg().get(io.cebridge.config.BridgeKeys.CRM_TYPE), s.deadLetters(), s.stats());
        this.delivery = new CrmToErpDelivery(flow, flow, s.store().xref(), s.deadLetters(), s.stats());
        this.delivery.listener(s.listener());
        java.time.Duration poll = s.cfg().flowValue(flow, "poll-interval", java.time.Duration.class);
        this.lease = new PollLease(s.store().leases(), flow, poll == null ? s.cfg().pollLease() : s.cfg().pollLease(poll),
                s.cfg().dataDir().toString());
    }

    private static final Map<org.apache.camel.CamelContext, Map<String, FlowParts>> BY_CONTEXT =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    static FlowParts of(org.apache.camel.CamelContext ctx, String flow) {
        if (flow == null || flow.isBlank()) {
            throw new IllegalArgumentException("the endpoint needs flow=NAME");
        }
        FlowServices s = FlowServices.from(ctx);
        Map<String, FlowParts> parts = BY_CONTEXT.computeIfAbsent(ctx, c -> new ConcurrentHashMap<>());
        return parts.computeIfAbsent(flow, f -> new FlowParts(f, s));
    }

    /** Every flow's parts of this context, e.g. to release the poll leases on stop. */
    static java.util.Collection<FlowParts> all(org.apache.camel.CamelContext ctx) {
        return BY_CONTEXT.getOrDefault(ctx, Map.of()).values();
    }
}
