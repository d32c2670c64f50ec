package io.cebridge.console;

import io.cebridge.config.BridgeConfig;
import io.cebridge.runtime.FlowFailures;
import io.cebridge.store.StateStore;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;

/**
 * What the console reads and acts on, all of the running instance: its configuration and store, the Kafka it
 * delivers through (for the lag), the flows a system failure stopped, its Camel context (null until Camel has
 * started) and its ERP pool (null without an ERP database).
 */
public record ConsoleServices(BridgeConfig cfg, StateStore store, String bootstrapServers, FlowFailures failures,
                              Supplier<CamelContext> camel, Supplier<DataSource> erp) {
}
