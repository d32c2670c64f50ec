package io.cebridge.erp.reference.seed;

import io.cebridge.erp.reference.ErpTables;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Builds sales orders and their lines from the Classic Models orders, keeping the source statuses. */
final class OrderSeed {

  // Orders the warehouse still has to ship: their quantities are promised but not yet out of stock.
  private static final Set<String> OPEN_STATUSES = Set.of("IN_PROCESS", "ON_HOLD");

  final TableRows orders = new TableRows(ErpTables.SALES_ORDER,
      "order_no", "customer_no", "order_date", "required_date", "shipped_date", "status", "currency",
      "total_amount", "sales_rep", "remarks");
  final TableRows lines = new TableRows(ErpTables.SALES_ORDER_LINE,
      "order_no", "line_no", "product_code", "quantity", "uom", "unit_price", "line_amount", "shipped_quantity");

  /** Quantity on open orders per product, to become the reserved stock. */
  final Map<String, BigDecimal> reservedByProduct = new TreeMap<>();

  OrderSeed build(List<ClassicOrder> source, Map<Integer, CustomerRef> customers) {
    for (ClassicOrder order : source) {
      CustomerRef customer = customer(customers, order);
      boolean shipped = order.shippedDate() != null;
      orders.add(order.orderNo(), customer.customerNo(), order.orderDate(), order.requiredDate(),
          order.shippedDate(), order.erpStatus(), customer.currency(), order.total(), customer.salesRep(),
          order.comments());
      for (ClassicOrderLine line : order.lines()) {
        lines.add(order.orderNo(), line.lineNo(), line.productCode(), line.quantity(), CatalogSeed.UOM,
            line.unitPrice(), line.amount(), shipped ? line.quantity() : BigDecimal.ZERO);
        if (OPEN_STATUSES.contains(order.erpStatus())) {
          reservedByProduct.merge(line.productCode(), line.quantity(), BigDecimal::add);
        }
      }
    }
    return this;
  }

  static CustomerRef customer(Map<Integer, CustomerRef> customers, ClassicOrder order) {
    CustomerRef customer = customers.get(order.customerNumber());
    if (customer == null) {
      throw new IllegalStateException(
          "order " + order.orderNumber() + " names unknown customer " + order.customerNumber());
    }
    return customer;
  }
}
