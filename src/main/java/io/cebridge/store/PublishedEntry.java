package io.cebridge.store;

/** The last snapshot of a source document an ERP -> CRM flow wrote to the CRM: its version and content hash. */
public record PublishedEntry(String sourceId, String sourceVersion, String contentHash) {
}
