package io.cebridge.flow.erptocrm;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.ErpFlowKeys;
import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.connector.erp.jdbc.ChangeTable;
import io.cebridge.connector.erp.jdbc.ErpChangePoller;
import io.cebridge.flow.DeadLetterReplay;
import io.cebridge.error.Retrier;
import io.cebridge.flow.DeadLetters;
import io.cebridge.flow.PollLease;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.runtime.FlowStats;
import io.cebridge.store.StateStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.apache.camel.Exchange;

/**
 * An ERP -> CRM flow as its route file sees it: the beans {prefix}Lease, {prefix}Source, {prefix}Ingest,
 * {prefix}Cycles, {prefix}Delivery, {prefix}Waiting and {prefix}Retry, built from the flow's change tables and
 * document types. The flows differ only in those two lists and their mapping files.
 */
public record ErpToCrmFlow(ErpFlowKeys keys, String beanPrefix, List<ChangeTable> changeTables,
                           List<DocumentType> documentTypes, ChangeTable dailyRefresh) {

    /** A flow that reads only changed rows (no daily full read). */
    public ErpToCrmFlow(ErpFlowKeys keys, String beanPrefix, List<ChangeTable> changeTables,
                        List<DocumentType> documentTypes) {
        this(keys, beanPrefix, changeTables, documentTypes, null);
    }

    public String name() {
        return keys.flow();
    }

    /** What every flow is wired to. */
    public record Wiring(BiConsumer<String, Object> bind, BridgeConfig cfg, StateStore store, DataSource erp,
                         MappingRegistry mappings, CrmRecordWriter crm, FlowStats stats, DeadLetters deadLetters,
                         Retrier retrier, Clock clock) {
    }

    /** Binds the flow's beans; returns the flow's poller. */
    public ErpChangePoller register(Wiring w) {
        Map<String, DocumentType> types = new LinkedHashMap<>();
        documentTypes.forEach(t -> types.put(t.name(), t));
        ErpChangePoller poller = new ErpChangePoller(w.erp(), w.store().watermarks(), name(), changeTables,
                w.cfg().get(keys.lookback()), w.cfg().get(keys.batchSize()));
        if (dailyRefresh != null) {
            poller.refreshEvery(dailyRefresh, () -> java.time.LocalDate.now(w.clock()).toString());
        }
        w.bind().accept(beanPrefix + "Lease", new PollLease(w.store().leases(), name(), w.cfg().pollLease(w.cfg().get(keys.pollInterval())),
                w.cfg().dataDir().toString()));
        w.bind().accept(beanPrefix + "Source", poller);
        // snapshot versions are real time, whatever business day the clock of as-of dates says
        w.bind().accept(beanPrefix + "Ingest", new ErpIngest(name(), types, w.stats(), Clock.systemUTC()));
        w.bind().accept(beanPrefix + "Cycles", new Cycles(w.stats().of(name())));
        w.bind().accept(beanPrefix + "Delivery", new ErpToCrmDelivery(name(), types, w.mappings(), w.crm(),
                w.store().xref(), w.store().published(), w.store().audit(), w.deadLetters(), w.stats(), w.retrier()));
        w.bind().accept(beanPrefix + "Waiting", new WaitingDocuments(name(), types, w.store().deadLetters(),
                w.store().xref()));
        // delivery-stage letters go back on the topic as the event they were (no ingest stage to redo here)
        w.bind().accept(beanPrefix + "Retry", new DeadLetterReplay(name(), "-", w.store().deadLetters(), raw -> raw));
        return poller;
    }

    /** Counts completed poll cycles, so `run --once` knows when everything was read. */
    public static final class Cycles {
        private final FlowStats.Counters counters;

        Cycles(FlowStats.Counters counters) {
            this.counters = counters;
        }

        public void completed(Exchange exchange) {
            counters.pollCycles.incrementAndGet();
        }
    }
}
