package io.cebridge.erp.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Checks shared by the H2 test and the PostgreSQL/MariaDB IT: the seeded ERP must match figures computed directly
 * from the Classic Models source (by SQL over classicmodels.pg.sql), whatever the database.
 */
final class SeededErpExpectations {

  private SeededErpExpectations() {
  }

  static void assertSeedCounts(Map<String, Integer> counts) {
    assertThat(counts.keySet()).containsExactlyElementsOf(ErpTables.ALL);
    assertThat(counts)
        .containsEntry("erp_customer", 122 + 1)            // Classic Models customers + Huawei
        .containsEntry("erp_customer_address", 122 * 2)    // bill-to and ship-to per Classic Models customer
        .containsEntry("erp_customer_contact", 122)
        .containsEntry("erp_product_category", 7)
        .containsEntry("erp_product", 110)
        .containsEntry("erp_price_list", 1)
        .containsEntry("erp_price_list_item", 110)
        .containsEntry("erp_warehouse", 1)
        .containsEntry("erp_stock_level", 110)
        .containsEntry("erp_sales_order", 326)
        .containsEntry("erp_sales_order_line", 2996)
        .containsEntry("erp_invoice", 303 + 3 + 4)          // shipped orders: Shipped + Disputed + Resolved
        .containsEntry("erp_invoice_line", 2832)
        .containsEntry("erp_payment", 273)
        .containsEntry("erp_return_order", 3)               // the Disputed orders
        .containsEntry("erp_return_line", 14);
    assertThat(counts.get("erp_ar_open_item")).isPositive();
    assertThat(counts.get("erp_payment_allocation")).isGreaterThanOrEqualTo(273);
    assertThat(counts.get("erp_exchange_rate")).isPositive();
  }

  static void assertSeedContents(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection()) {
      for (Map.Entry<String, Integer> table : Map.of("erp_customer", 123, "erp_sales_order_line", 2996,
          "erp_invoice", 310, "erp_payment", 273).entrySet()) {
        assertThat(number(c, "SELECT COUNT(*) FROM " + table.getKey()).intValue())
            .as(table.getKey()).isEqualTo(table.getValue());
      }
      BigDecimal payments = number(c, "SELECT SUM(amount) FROM erp_payment");
      BigDecimal invoiced = number(c, "SELECT SUM(total_amount) FROM erp_invoice");
      BigDecimal allocated = number(c, "SELECT SUM(allocated_amount) FROM erp_payment_allocation");
      BigDecimal unapplied = number(c, "SELECT SUM(unapplied_amount) FROM erp_payment");
      BigDecimal openAr = number(c, "SELECT SUM(open_amount) FROM erp_ar_open_item");
      assertThat(payments).isEqualByComparingTo("8853839.23");
      assertThat(invoiced).isEqualByComparingTo("9060489.30");
      assertThat(allocated.add(unapplied)).isEqualByComparingTo(payments);
      assertThat(invoiced.subtract(allocated)).isEqualByComparingTo(openAr);
      assertThat(openAr).isEqualByComparingTo("206650.07");
      // every invoice: total = allocations + open amount, and headers equal the sum of their lines
      assertThat(number(c, "SELECT COUNT(*) FROM erp_invoice i WHERE i.total_amount <> "
          + "COALESCE((SELECT SUM(a.allocated_amount) FROM erp_payment_allocation a WHERE a.invoice_no = i.invoice_no), 0)"
          + " + COALESCE((SELECT o.open_amount FROM erp_ar_open_item o WHERE o.invoice_no = i.invoice_no), 0)"))
          .isZero();
      assertThat(number(c, "SELECT COUNT(*) FROM erp_invoice i WHERE i.total_amount <> "
          + "(SELECT SUM(l.line_amount) FROM erp_invoice_line l WHERE l.invoice_no = i.invoice_no)")).isZero();
      assertThat(number(c, "SELECT SUM(reserved) FROM erp_stock_level")).isEqualByComparingTo("3484");
      assertThat(number(c, "SELECT MIN(customer_no) FROM erp_customer").longValue()).isEqualTo(100001L);
      assertThat(number(c, "SELECT COUNT(*) FROM erp_customer WHERE crm_account_id IS NOT NULL")).isZero();
      assertThat(number(c, "SELECT COUNT(*) FROM erp_sales_order WHERE status = 'SHIPPED'").intValue())
          .isEqualTo(303);
      assertThat(number(c, "SELECT SUM(credit_limit) FROM erp_customer WHERE currency = 'USD'"))
          .isEqualByComparingTo("8254400.00");
      assertHuawei(c);
    }
  }

  private static void assertHuawei(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT name, phone, currency, city, province, country_code,"
        + " crm_account_id, status FROM erp_customer WHERE uscc = ?")) {
      ps.setString(1, "914403001922038216");
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("name")).isEqualTo("华为技术有限公司");
        assertThat(rs.getString("phone")).isEqualTo("+8675528780808");
        assertThat(rs.getString("currency")).isEqualTo("CNY");
        assertThat(rs.getString("city")).isEqualTo("深圳市");
        assertThat(rs.getString("province")).isEqualTo("广东省");
        assertThat(rs.getString("country_code")).isEqualTo("CN");
        assertThat(rs.getString("crm_account_id")).isNull();
        assertThat(rs.getString("status")).isEqualTo("ACTIVE");
        assertThat(rs.next()).isFalse();
      }
    }
  }

  /** A customer inserted without customer_no gets the next number of erp_customer_no_seq, past the seeded ones. */
  static long insertCustomerWithoutNumber(DataSource ds, String name) throws SQLException {
    try (Connection c = ds.getConnection()) {
      long maxBefore = number(c, "SELECT COALESCE(MAX(customer_no), 0) FROM erp_customer").longValue();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO erp_customer (name) VALUES (?)")) {
        ps.setString(1, name);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT customer_no FROM erp_customer WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          long customerNo = rs.getLong(1);
          assertThat(customerNo).isGreaterThanOrEqualTo(100001L).isGreaterThan(maxBefore);
          return customerNo;
        }
      }
    }
  }

  /** updated_at must move only when the application sets it (no ON UPDATE clause, no trigger). */
  static void assertUpdatedAtIsApplicationManaged(DataSource ds, long customerNo) throws SQLException {
    Timestamp fixed = Timestamp.valueOf("2020-01-02 03:04:05.678");
    try (Connection c = ds.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("UPDATE erp_customer SET updated_at = ? WHERE customer_no = ?")) {
        ps.setTimestamp(1, fixed);
        ps.setLong(2, customerNo);
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE erp_customer SET phone = ? WHERE customer_no = ?")) {
        ps.setString(1, "+1 555 0100");
        ps.setLong(2, customerNo);
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT updated_at FROM erp_customer WHERE customer_no = ?")) {
        ps.setLong(1, customerNo);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getTimestamp(1)).isEqualTo(fixed);
        }
      }
    }
  }

  static BigDecimal number(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      BigDecimal value = rs.getBigDecimal(1);
      assertThat(value).as(sql).isNotNull();
      return value;
    }
  }
}
