package io.cebridge.connector.erp.jdbc;

/** A changed ERP document: its kind and business key; {@link #id()} is the source id used on Kafka and in the store. */
public record DocumentRef(String type, String key) {
    public String id() {
        return type + ":" + key;
    }
}
