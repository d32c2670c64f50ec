-- The original order line a return line points at (:orderNo, :orderLineNo), with its order's customer and currency,
-- the quantity invoiced of it (non-cancelled invoices) and the quantity other returns took of it (:sourceId is the
-- Case's id: its own return, when it is sent again, does not count against itself).
SELECT l.order_no,
       l.line_no,
       l.product_code,
       l.unit_price,
       l.discount_percent,
       o.customer_no,
       o.currency,
       (SELECT COALESCE(SUM(il.quantity), 0)
          FROM erp_invoice_line il
          JOIN erp_invoice i ON i.invoice_no = il.invoice_no
         WHERE il.order_no = l.order_no AND il.order_line_no = l.line_no AND i.status <> 'CANCELLED') AS invoiced_quantity,
       (SELECT COALESCE(SUM(rl.quantity), 0)
          FROM erp_return_line rl
          JOIN erp_return_order ro ON ro.return_no = rl.return_no
         WHERE ro.order_no = l.order_no AND rl.order_line_no = l.line_no
           AND (ro.crm_case_id IS NULL OR ro.crm_case_id <> :sourceId)) AS returned_quantity
FROM erp_sales_order_line l
JOIN erp_sales_order o ON o.order_no = l.order_no
WHERE l.order_no = :orderNo
  AND l.line_no = CAST(:orderLineNo AS INT)
