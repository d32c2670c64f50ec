package io.cebridge.flow.customermaster;

import io.cebridge.store.XrefEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The records of one Kafka poll, carried between the delivery steps as an exchange property. */
final class CustomerBatch {
    static final String PROPERTY = "bridge.customerBatch";
    final List<CustomerRecord> records = new ArrayList<>();
    /** Cross-references of the batch's records as decode found them; only this partition's consumer changes them. */
    final Map<String, XrefEntry> known = new HashMap<>();

    List<CustomerRecord> live() {
        return records.stream().filter(CustomerRecord::live).toList();
    }
}
