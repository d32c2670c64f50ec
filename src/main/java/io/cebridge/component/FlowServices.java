package io.cebridge.component;

import io.cebridge.config.BridgeConfig;
import io.cebridge.connector.crm.CrmPageSource;
import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.flow.DeadLetters;
import io.cebridge.flow.DeliveryListener;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.flow.FlowStats;
import io.cebridge.store.StateStore;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * What the crm:, erp: and step: endpoints of every flow are wired to, built once by the runtime and bound in the
 * Camel registry. {@code sources} opens a CRM change source for a flow's object; replay and record replace it.
 */
public record FlowServices(BridgeConfig cfg, StateStore store, Supplier<DataSource> erp, MappingRegistry mappings,
                           CrmSources sources, CrmRecordWriter crm, FlowStats stats, DeadLetters deadLetters,
                           DeliveryListener listener) {

    /** Opens the change source of one flow's CRM object. */
    public interface CrmSources {
        CrmPageSource open(String flow, String sobject, java.util.List<String> fields, String where,
                           java.time.Duration lookback);
    }

    static FlowServices from(org.apache.camel.CamelContext ctx) {
        FlowServices s = ctx.getRegistry().findSingleByType(FlowServices.class);
        if (s == null) {
            throw new IllegalStateException("ce-bridge endpoints need the runtime's services; start them with BridgeRuntime");
        }
        return s;
    }

    /** Releases the poll leases of every flow of a stopped context, so another instance can poll at once. */
    public static void releaseLeases(org.apache.camel.CamelContext ctx) {
        FlowParts.all(ctx).forEach(p -> p.lease.release());
    }
}
