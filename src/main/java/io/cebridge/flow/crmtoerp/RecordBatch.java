package io.cebridge.flow.crmtoerp;

import io.cebridge.store.XrefEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The records of one CRM page (ingest) or one Kafka poll (delivery), carried between the steps as an exchange property. */
public final class RecordBatch {
    public static final String PROPERTY = "bridge.recordBatch";
    final boolean ingest;
    final List<FlowRecord> records = new ArrayList<>();
    /** Cross-references of the batch's records as decode found them; only this partition's consumer changes them. */
    final Map<String, XrefEntry> known = new HashMap<>();

    RecordBatch(boolean ingest) {
        this.ingest = ingest;
    }

    /** True for a CRM page being ingested, false for a Kafka batch being delivered. */
    public boolean ingest() {
        return ingest;
    }

    List<FlowRecord> live() {
        return records.stream().filter(FlowRecord::live).toList();
    }

    public static RecordBatch of(org.apache.camel.Exchange exchange, String step) {
        RecordBatch b = exchange.getProperty(PROPERTY, RecordBatch.class);
        if (b == null) {
            throw new IllegalStateException("step '" + step + "' needs the records of a CRM page or a delivery batch:"
                    + " list it after a crm: consumer or after step:decode");
        }
        return b;
    }
}
