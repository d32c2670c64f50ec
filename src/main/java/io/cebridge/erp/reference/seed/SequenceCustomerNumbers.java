package io.cebridge.erp.reference.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Draws customer numbers from the database sequence up front, because the seed needs each number to link orders and
 * payments, and not every driver returns a sequence-defaulted key from a batch insert.
 */
final class SequenceCustomerNumbers implements CustomerNumbers {

  private final Connection connection;
  private final String nextValueSql;

  SequenceCustomerNumbers(Connection connection, String nextValueSql) {
    this.connection = connection;
    this.nextValueSql = nextValueSql;
  }

  @Override
  public long next() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(nextValueSql); ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("sequence query returned no row: " + nextValueSql);
      }
      return rs.getLong(1);
    }
  }
}
