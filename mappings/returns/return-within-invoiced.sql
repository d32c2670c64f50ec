-- Run after a return is written, in its transaction: the lines of the original order (:order_no) that this return
-- (:number) takes from and of which more is now returned, by every return of the order, than was invoiced (invoices
-- not cancelled). Any row refuses the return as RETURN_EXCEEDS_INVOICED and rolls it back. The mapping checks the
-- same before writing; this catches returns of one line that arrive together, each within the limit on its own.
SELECT t.order_no, t.order_line_no, t.invoiced_quantity, t.returned_quantity
FROM (SELECT l.order_no,
             l.line_no AS order_line_no,
             (SELECT COALESCE(SUM(il.quantity), 0)
                FROM erp_invoice_line il
                JOIN erp_invoice i ON i.invoice_no = il.invoice_no
               WHERE il.order_no = l.order_no AND il.order_line_no = l.line_no AND i.status <> 'CANCELLED') AS invoiced_quantity,
             (SELECT COALESCE(SUM(rl.quantity), 0)
                FROM erp_return_line rl
                JOIN erp_return_order ro ON ro.return_no = rl.return_no
               WHERE ro.order_no = l.order_no AND rl.order_line_no = l.line_no) AS returned_quantity
        FROM erp_sales_order_line l
       WHERE l.order_no = :order_no
         AND l.line_no IN (SELECT rl.order_line_no FROM erp_return_line rl WHERE rl.return_no = :number)) t
WHERE t.returned_quantity > t.invoiced_quantity
