package io.cebridge.connector.erp.jdbc;

/** A row the database rejected on its own, after the batch was unrolled; {@code reason} is the driver's text. */
public record UpsertFailure(int index, String sqlState, String reason) {
}
