package io.cebridge.erp.reference.seed;

import io.cebridge.erp.reference.ErpTables;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Opens a return (RMA) for every order the customer disputes: the source's comments on those orders are complaints
 * about damaged, missing or unwanted models, so each becomes a REQUESTED return of the whole order, not yet received.
 * The source has no claim date; the shipped date stands in for it.
 */
final class ReturnSeed {

  final TableRows returns = new TableRows(ErpTables.RETURN_ORDER,
      "return_no", "customer_no", "order_no", "invoice_no", "request_date", "received_date", "status", "reason",
      "currency", "refund_amount");
  final TableRows lines = new TableRows(ErpTables.RETURN_LINE,
      "return_no", "line_no", "order_line_no", "product_code", "quantity", "received_quantity", "unit_price",
      "line_amount");

  ReturnSeed build(List<ClassicOrder> orders, Map<Integer, CustomerRef> customers) {
    for (ClassicOrder order : orders) {
      if (!"DISPUTED".equals(order.erpStatus())) {
        continue;
      }
      CustomerRef customer = OrderSeed.customer(customers, order);
      String returnNo = "RMA-" + order.orderNumber();
      String invoiceNo = ReceivablesSeed.invoiced(order) ? ReceivablesSeed.invoiceNo(order) : null;
      returns.add(returnNo, customer.customerNo(), order.orderNo(), invoiceNo, order.shippedDate(), null,
          "REQUESTED", order.comments(), customer.currency(), null);
      for (ClassicOrderLine line : order.lines()) {
        lines.add(returnNo, line.lineNo(), line.lineNo(), line.productCode(), line.quantity(),
            BigDecimal.ZERO, line.unitPrice(), line.amount());
      }
    }
    return this;
  }
}
