package io.cebridge.flow.erptocrm;

import io.cebridge.config.BridgeConfig;
import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.connector.erp.jdbc.ChangeTable;
import io.cebridge.connector.erp.jdbc.ErpChangePoller;
import io.cebridge.flow.DeadLetterReplay;
import io.cebridge.flow.DeadLetters;
import io.cebridge.flow.PollLease;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.flow.FlowStats;
import io.cebridge.store.StateStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.apache.camel.Exchange;

/**
 * An ERP -> CRM flow as the erp-to-crm route templates see it: the beans FLOW-lease, FLOW-source, FLOW-ingest,
 * FLOW-cycles, FLOW-delivery, FLOW-waiting and FLOW-retry, built from the change tables and document types its
 * documents.yaml declares (see {@link DocumentSpec}) and its bridge.flows.FLOW.* keys.
 */
public record ErpToCrmFlow(String name, List<ChangeTable> changeTables, List<DocumentType> documentTypes,
                           ChangeTable dailyRefresh) {

    /** What every flow is wired to. */
    public record Wiring(BiConsumer<String, Object> bind, BridgeConfig cfg, StateStore store, DataSource erp,
                         MappingRegistry mappings, CrmRecordWriter crm, FlowStats stats, DeadLetters deadLetters,
                         Clock clock) {
    }

    /** Binds the flow's beans; returns the flow's poller. */
    public ErpChangePoller register(Wiring w) {
        ErpChangePoller poller = new ErpChangePoller(w.erp(), w.store().watermarks(), name(), changeTables,
                w.cfg().flowValue(name, "lookback", java.time.Duration.class),
                w.cfg().flowValue(name, "batch-size", Integer.class));
        if (dailyRefresh != null) {
            poller.refreshEvery(dailyRefresh, () -> java.time.LocalDate.now(w.clock()).toString());
        }
        register(w, poller);
        return poller;
    }

    /** Binds the flow's beans with {@code source} as where its changed documents come from (JDBC tables, Kingdee forms). */
    public void register(Wiring w, io.cebridge.connector.ChangeSource source) {
        Map<String, DocumentType> types = new LinkedHashMap<>();
        documentTypes.forEach(t -> types.put(t.name(), t));
        java.time.Duration poll = w.cfg().flowValue(name, "poll-interval", java.time.Duration.class);
        String beanPrefix = name + "-";
        w.bind().accept(beanPrefix + "lease", new PollLease(w.store().leases(), name(), w.cfg().pollLease(poll),
                w.cfg().dataDir().toString()));
        w.bind().accept(beanPrefix + "source", source);
        // snapshot versions are real time, whatever business day the clock of as-of dates says
        w.bind().accept(beanPrefix + "ingest", new ErpIngest(name(), types, w.stats(), w.deadLetters(),
                Clock.systemUTC()));
        w.bind().accept(beanPrefix + "cycles", new Cycles(w.stats().of(name())));
        w.bind().accept(beanPrefix + "delivery", new ErpToCrmDelivery(name(), types, w.mappings(), w.crm(),
                w.store().xref(), w.store().published(), w.store().audit(), w.deadLetters(), w.stats()));
        w.bind().accept(beanPrefix + "waiting", new WaitingDocuments(name(), types, w.store().deadLetters(),
                w.store().xref()));
        // delivery-stage letters go back on the topic as the event they were (no ingest stage to redo here)
        w.bind().accept(beanPrefix + "retry", new DeadLetterReplay(name(), "-", w.store().deadLetters(), raw -> raw));
    }

    /**
     * The flow over Kingdee's WebAPI: its documents as {@code documentsFile}'s Kingdee twin declares them (see
     * {@link KingdeeDocumentSpec}), polled from their forms by (FModifyDate, FID) with the flow's look-back and pages of
     * its batch size; false (nothing bound) when the flow has no twin.
     */
    public static boolean registerKingdee(String flow, String documentsFile, Wiring w,
                                          io.cebridge.connector.erp.kingdee.KingdeeForms client) {
        String twin = KingdeeDocumentSpec.twin(w.mappings().root(), documentsFile);
        if (twin == null) {
            return false;
        }
        String org = w.cfg().get(io.cebridge.config.BridgeKeys.KD_ORG_NUMBER);
        KingdeeDocumentSpec.Declared d = KingdeeDocumentSpec.load(w.mappings().root(), twin, client, org, w.clock());
        io.cebridge.connector.erp.kingdee.KingdeeChangePoller poller =
                new io.cebridge.connector.erp.kingdee.KingdeeChangePoller(client, w.store().watermarks(), flow, d.forms(),
                        w.cfg().flowValue(flow, "lookback", java.time.Duration.class),
                        w.cfg().flowValue(flow, "batch-size", Integer.class), org);
        if (d.dailyRefresh() != null) { // aging moves with the calendar: every customer once per ERP business day
            poller.refreshEvery(d.dailyRefresh(), () -> java.time.LocalDate.now(w.clock()).toString());
        }
        new ErpToCrmFlow(flow, List.of(), d.documents(), null).register(w, poller);
        return true;
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
