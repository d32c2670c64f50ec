package io.cebridge.connector;

/** The exchange property a change source sets after reading a page: whether another page follows in this poll. */
public final class Paging {
    /** Ingest routes loop on it ({@code ${exchangeProperty.bridge.morePages}}); the poll lease sets it first. */
    public static final String MORE_PAGES = "bridge.morePages";

    /**
     * Set true by a change source on a page it read through a bulk export (Salesforce's Bulk API 2.0 query job): the
     * flow is loading many records, and its write-backs are best sent in bulk too.
     */
    public static final String READ_IN_BULK = "bridge.readInBulk";

    private Paging() {
    }
}
