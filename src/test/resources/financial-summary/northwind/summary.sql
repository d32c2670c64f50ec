-- Financial summary for a Northwind-shaped ERP: sales are order lines (unit_price * quantity * (1 - discount));
-- Northwind has no invoices, AR, credit limits or currency, so those columns are constants.
--
-- Why the casts: unit_price and discount are REAL (binary float). Multiplying and summing floats gives binary
-- noise, and PostgreSQL's SUM(real) even returns real, i.e. only 6-7 significant digits (a yearly total of
-- 123,456.78 cannot be represented). Each REAL value is therefore cast to DECIMAL first, where the shortest decimal
-- that names the float (9.8, 0.15) is recovered; the products and the sum are then exact decimal arithmetic, and
-- FinancialSummaryQuery rounds the sum HALF_UP to the cent. Scale 4 holds every price and discount of the data.
SELECT c.customer_id AS customer_no,
       'USD' AS currency,
       CAST(NULL AS DECIMAL(18,2)) AS credit_limit,
       COALESCE(SUM(CAST(d.unit_price AS DECIMAL(18,4)) * d.quantity * (1 - CAST(d.discount AS DECIMAL(18,4)))), 0)
           AS ytd_sales,
       COALESCE(SUM(CASE WHEN o.order_date >= :monthStart
                    THEN CAST(d.unit_price AS DECIMAL(18,4)) * d.quantity * (1 - CAST(d.discount AS DECIMAL(18,4)))
                    END), 0) AS mtd_sales,
       0 AS ar_not_due, 0 AS ar_1_30, 0 AS ar_31_60, 0 AS ar_61_90, 0 AS ar_over_90, 0 AS open_orders,
       0 AS other_currency_documents
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.customer_id AND o.order_date >= :yearStart AND o.order_date <= :asOf
LEFT JOIN order_details d ON d.order_id = o.order_id
WHERE c.customer_id IN (:customerNos)
GROUP BY c.customer_id
