package io.cebridge.erp.reference.seed;

import java.sql.SQLException;

/** Hands out ERP customer numbers; in the database they come from erp_customer_no_seq. */
@FunctionalInterface
interface CustomerNumbers {
  long next() throws SQLException;
}
