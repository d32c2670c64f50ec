-- Run first in the transaction that writes a return: locks the original order (:order_no), so two returns of the
-- same order are written and checked one after the other, also when two instances or one batch hold both; the
-- check (return-within-invoiced.sql) then sees the other's lines.
SELECT order_no
FROM erp_sales_order
WHERE order_no = :order_no
FOR UPDATE
