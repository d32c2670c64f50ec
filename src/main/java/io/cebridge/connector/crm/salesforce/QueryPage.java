package io.cebridge.connector.crm.salesforce;

import java.util.List;
import java.util.Map;

/** One page of a SOQL query result; {@code nextRecordsUrl} is null on the last page. */
public record QueryPage(int totalSize, boolean done, String nextRecordsUrl, List<Map<String, Object>> records) {
}
