package io.cebridge.connector;

import org.apache.camel.Exchange;

/**
 * Where an ERP -> CRM flow's ingest route reads changed documents from, a page at a time: {@link #readPage} puts the
 * page's changed documents (a list of {@code DocumentRef}) in the body and sets {@link Paging#MORE_PAGES};
 * {@link #commitPage} moves the source's watermark past the page once its documents are on Kafka. The JDBC change
 * tables and Kingdee's ExecuteBillQuery are two such sources.
 */
public interface ChangeSource {
    void readPage(Exchange exchange) throws Exception;

    void commitPage(Exchange exchange) throws Exception;
}
