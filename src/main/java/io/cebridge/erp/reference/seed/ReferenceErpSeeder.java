package io.cebridge.erp.reference.seed;

import io.cebridge.erp.reference.ErpTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads the reference ERP demo data (Classic Models plus a few hand-written rows) into a freshly created schema. */
public final class ReferenceErpSeeder {

  private final Connection connection;
  private final String nextCustomerNoSql;

  /**
   * @param connection a connection to the database holding the empty reference ERP tables
   * @param nextCustomerNoSql query returning the next value of erp_customer_no_seq in this database's dialect
   */
  public ReferenceErpSeeder(Connection connection, String nextCustomerNoSql) {
    this.connection = connection;
    this.nextCustomerNoSql = nextCustomerNoSql;
  }

  /** Loads everything in one transaction and returns the rows written per table, in foreign-key order. */
  public Map<String, Integer> load() throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      Map<String, Integer> counts = write(build());
      connection.commit();
      return counts;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private Map<String, TableRows> build() throws SQLException {
    CustomerSeed customers = new CustomerSeed().build(new SequenceCustomerNumbers(connection, nextCustomerNoSql));
    List<ClassicOrder> orders = ClassicOrder.readAll();
    OrderSeed salesOrders = new OrderSeed().build(orders, customers.classicCustomers);
    CatalogSeed catalog = new CatalogSeed().build(salesOrders.reservedByProduct);
    ReceivablesSeed receivables = new ReceivablesSeed().build(orders, customers.classicCustomers);
    ReturnSeed returns = new ReturnSeed().build(orders, customers.classicCustomers);
    ExchangeRateSeed rates = new ExchangeRateSeed().build();

    Map<String, TableRows> byTable = new LinkedHashMap<>();
    for (TableRows rows : List.of(customers.customers, customers.addresses, customers.contacts,
        catalog.categories, catalog.products, catalog.priceLists, catalog.priceListItems, catalog.warehouses,
        catalog.stockLevels, salesOrders.orders, salesOrders.lines, receivables.invoices, receivables.invoiceLines,
        receivables.openItems, receivables.payments, receivables.allocations, returns.returns, returns.lines,
        rates.rates)) {
      byTable.put(rows.table(), rows);
    }
    return byTable;
  }

  // Written in ErpTables.ALL order so every foreign key finds its parent row already inserted.
  private Map<String, Integer> write(Map<String, TableRows> byTable) throws SQLException {
    BatchWriter writer = new BatchWriter(connection);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String table : ErpTables.ALL) {
      TableRows rows = byTable.get(table);
      counts.put(table, rows == null ? 0 : writer.write(rows));
    }
    return counts;
  }
}
