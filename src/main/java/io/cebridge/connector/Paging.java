package io.cebridge.connector;

/** The exchange property a change source sets after reading a page: whether another page follows in this poll. */
public final class Paging {
    /** Ingest routes loop on it ({@code ${exchangeProperty.bridge.morePages}}); the poll lease sets it first. */
    public static final String MORE_PAGES = "bridge.morePages";

    private Paging() {
    }
}
