package io.cebridge.cli;

import io.cebridge.config.FlowCatalog;
import io.cebridge.flow.erptocrm.WaitingDocuments;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.runtime.OnceRunner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;

/**
 * The end of a `demo --once` cycle against an ERP stand-in: documents and records that waited for a customer which
 * customer-master linked in that same cycle (the sales orders of the Kingdee customers it claimed, the quote of such an
 * account) are released by the flows' own release steps, as their retry routes do every few seconds while the runtime
 * keeps running, and the run settles once more, so the cycle ends with them delivered instead of waiting for the next.
 */
final class DemoLinkRound {
    /** A release can link what another flow then waits on (an order of a quote); a few rounds are plenty. */
    private static final int MAX_ROUNDS = 3;

    private DemoLinkRound() {
    }

    /** Empty when everything released was delivered (or dead-lettered); otherwise why the run failed. */
    static Optional<String> settle(BridgeRuntime runtime, FlowCatalog catalog, Duration timeout) throws Exception {
        try (ProducerTemplate template = runtime.camel().createProducerTemplate()) {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                boolean released = false;
                for (String flow : runtime.flows()) {
                    release(runtime, template, catalog, flow);
                    released |= !runtime.store().deadLetters().retryRequested(flow).isEmpty();
                }
                if (!released) {
                    return Optional.empty();
                }
                Optional<String> failure = new OnceRunner(runtime, timeout).await();
                if (failure.isPresent()) {
                    return failure;
                }
            }
        }
        return Optional.empty();
    }

    private static void release(BridgeRuntime runtime, ProducerTemplate template, FlowCatalog catalog, String flow)
            throws Exception {
        List<String> templates = catalog.flow(flow).map(FlowCatalog.Flow::templates).orElse(List.of());
        if (templates.contains("erp-to-crm-retry")) {
            WaitingDocuments waiting = runtime.camel().getRegistry().lookupByNameAndType(flow + "-waiting",
                    WaitingDocuments.class);
            if (waiting != null) {
                waiting.release(null); // the exchange is not read: the letters and the cross-reference say it all
            }
        } else if (templates.contains("crm-to-erp-retry")) {
            template.sendBody("step:release?flow=" + flow, null);
        }
    }
}
