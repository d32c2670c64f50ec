package io.cebridge.connector.crm;

import org.apache.camel.Exchange;

/**
 * A paged reader of changed CRM records, as the ingest routes call it: readPage puts a list of records in the body
 * and sets the exchange property {@code bridge.morePages}; commitPage runs once that page is safely on Kafka.
 */
public interface CrmPageSource {
    void readPage(Exchange exchange) throws Exception;

    void commitPage(Exchange exchange) throws Exception;
}
