package io.cebridge.erp.reference.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;

/** Writes collected rows as prepared-statement batches, so seed values are bound, never spliced into SQL. */
final class BatchWriter {

  private static final int BATCH_SIZE = 500;

  private final Connection connection;

  BatchWriter(Connection connection) {
    this.connection = connection;
  }

  /** Inserts all rows and returns how many were written. */
  int write(TableRows rows) throws SQLException {
    String sql = "INSERT INTO " + rows.table() + " (" + String.join(", ", rows.columns()) + ") VALUES ("
        + String.join(", ", Collections.nCopies(rows.columns().size(), "?")) + ")";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      int pending = 0;
      for (Object[] row : rows.rows()) {
        for (int i = 0; i < row.length; i++) {
          if (row[i] == null) {
            ps.setNull(i + 1, Types.NULL);
          } else {
            ps.setObject(i + 1, row[i]);
          }
        }
        ps.addBatch();
        if (++pending == BATCH_SIZE) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
    // Drivers may answer SUCCESS_NO_INFO for batched rows, so count what was sent; a failed row throws instead.
    return rows.rows().size();
  }
}
