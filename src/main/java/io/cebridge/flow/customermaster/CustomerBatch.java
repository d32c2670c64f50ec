package io.cebridge.flow.customermaster;

import java.util.ArrayList;
import java.util.List;

/** The records of one Kafka poll, carried between the delivery steps as an exchange property. */
final class CustomerBatch {
    static final String PROPERTY = "bridge.customerBatch";
    final List<CustomerRecord> records = new ArrayList<>();

    List<CustomerRecord> live() {
        return records.stream().filter(CustomerRecord::live).toList();
    }
}
