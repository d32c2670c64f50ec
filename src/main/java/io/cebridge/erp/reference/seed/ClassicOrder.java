package io.cebridge.erp.reference.seed;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A Classic Models order with its lines, read from the seed CSV files. */
record ClassicOrder(int orderNumber, int customerNumber, LocalDate orderDate, LocalDate requiredDate,
    LocalDate shippedDate, String status, String comments, List<ClassicOrderLine> lines) {

  static final String ORDERS_FILE = "classicmodels-orders.csv";
  static final String LINES_FILE = "classicmodels-order-lines.csv";

  /** ERP document number of this order. */
  String orderNo() {
    return "SO-" + orderNumber;
  }

  /** The source status in the ERP's spelling: "In Process" becomes IN_PROCESS, "Shipped" SHIPPED, and so on. */
  String erpStatus() {
    return status.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
  }

  BigDecimal total() {
    return lines.stream().map(ClassicOrderLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** All orders in order-number order, each with its lines in line-number order. */
  static List<ClassicOrder> readAll() {
    Map<Integer, List<ClassicOrderLine>> linesByOrder = new LinkedHashMap<>();
    for (CsvRow row : CsvFile.read(LINES_FILE)) {
      linesByOrder.computeIfAbsent(row.integer("order_number"), k -> new ArrayList<>())
          .add(new ClassicOrderLine(row.integer("line_number"), row.required("product_code"),
              row.decimal("quantity"), row.decimal("unit_price")));
    }
    List<ClassicOrder> orders = new ArrayList<>();
    for (CsvRow row : CsvFile.read(ORDERS_FILE)) {
      int number = row.integer("order_number");
      List<ClassicOrderLine> lines = new ArrayList<>(linesByOrder.getOrDefault(number, List.of()));
      lines.sort(Comparator.comparingInt(ClassicOrderLine::lineNo));
      orders.add(new ClassicOrder(number, row.integer("customer_number"), row.date("order_date"),
          row.date("required_date"), row.date("shipped_date"), row.required("status"), row.text("comments"),
          List.copyOf(lines)));
    }
    orders.sort(Comparator.comparingInt(ClassicOrder::orderNumber));
    return orders;
  }
}
