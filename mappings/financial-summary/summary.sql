-- Financial summary per customer: invoiced sales year- and month-to-date, AR aging, credit exposure.
-- One row per requested customer that exists; FinancialSummaryQuery reads the columns by the names below.
--
-- Parameters (bound by FinancialSummaryQuery, never pasted into the text):
--   :customerNos   the requested customer numbers (expanded to ?,?,? in chunks of 500)
--   :asOf          the reporting date; sales count up to and including it, AR ages against it
--   :yearStart     1 January of :asOf's year          :monthStart  the 1st of :asOf's month
--   :asOfMinus30 / :asOfMinus60 / :asOfMinus90        :asOf less 30 / 60 / 90 days
-- The boundary dates come from Java so the SQL needs no date arithmetic and runs unchanged on H2, PostgreSQL and
-- MariaDB. An item is d days past due when due_date = :asOf - d:
--   not yet due: due_date >= :asOf   1-30: [:asOf-30, :asOf)   31-60: [:asOf-60, :asOf-30)
--   61-90: [:asOf-90, :asOf-60)      over 90: due_date < :asOf-90
--
-- Currency: every amount is reported in the customer's currency. Documents in another currency are NOT converted
-- (which rate applies to an open item is a finance policy, not ours to guess); they are counted in
-- other_currency_documents and FinancialSummaryQuery refuses the customer with an error naming it, so amounts in
-- two currencies are never added up silently. An ERP that books in several currencies edits the sums below to
-- convert with erp_exchange_rate (e.g. the rate of the invoice date) and returns 0 in that column.
--
-- Sales are net of tax (erp_invoice.net_amount), as finance reports revenue; for sales with tax, write
-- i.total_amount for i.net_amount in the two sums below (and say so in the CRM fields' help text).
-- Open AR amounts are the ERP's current open amounts (erp_ar_open_item holds no history), aged at :asOf.
-- Credit used = open AR + what is not invoiced yet of every open order: an order's total (net) less the net
-- amounts of its non-cancelled invoices (those are in open AR, or paid); an order invoiced in part counts its
-- remainder, a fully invoiced or cancelled one nothing.
SELECT c.customer_no,
       c.currency,
       c.credit_limit,
       COALESCE(s.ytd_sales, 0)   AS ytd_sales,
       COALESCE(s.mtd_sales, 0)   AS mtd_sales,
       COALESCE(ar.ar_not_due, 0) AS ar_not_due,
       COALESCE(ar.ar_1_30, 0)    AS ar_1_30,
       COALESCE(ar.ar_31_60, 0)   AS ar_31_60,
       COALESCE(ar.ar_61_90, 0)   AS ar_61_90,
       COALESCE(ar.ar_over_90, 0) AS ar_over_90,
       COALESCE(o.open_orders, 0) AS open_orders,
       COALESCE(s.other_currency, 0) + COALESCE(ar.other_currency, 0) + COALESCE(o.other_currency, 0)
                                  AS other_currency_documents
FROM erp_customer c
LEFT JOIN (
    SELECT i.customer_no,
           SUM(i.net_amount) AS ytd_sales,
           SUM(CASE WHEN i.invoice_date >= :monthStart THEN i.net_amount ELSE 0 END) AS mtd_sales,
           SUM(CASE WHEN i.currency <> cc.currency OR cc.currency IS NULL THEN 1 ELSE 0 END) AS other_currency
    FROM erp_invoice i
    JOIN erp_customer cc ON cc.customer_no = i.customer_no
    WHERE i.customer_no IN (:customerNos)
      AND i.status <> 'CANCELLED'
      AND i.invoice_date >= :yearStart
      AND i.invoice_date <= :asOf
    GROUP BY i.customer_no
) s ON s.customer_no = c.customer_no
LEFT JOIN (
    SELECT a.customer_no,
           SUM(CASE WHEN a.due_date >= :asOf THEN a.open_amount ELSE 0 END) AS ar_not_due,
           SUM(CASE WHEN a.due_date < :asOf AND a.due_date >= :asOfMinus30 THEN a.open_amount ELSE 0 END) AS ar_1_30,
           SUM(CASE WHEN a.due_date < :asOfMinus30 AND a.due_date >= :asOfMinus60 THEN a.open_amount ELSE 0 END) AS ar_31_60,
           SUM(CASE WHEN a.due_date < :asOfMinus60 AND a.due_date >= :asOfMinus90 THEN a.open_amount ELSE 0 END) AS ar_61_90,
           SUM(CASE WHEN a.due_date < :asOfMinus90 THEN a.open_amount ELSE 0 END) AS ar_over_90,
           SUM(CASE WHEN a.currency <> cc.currency OR cc.currency IS NULL THEN 1 ELSE 0 END) AS other_currency
    FROM erp_ar_open_item a
    JOIN erp_customer cc ON cc.customer_no = a.customer_no
    WHERE a.customer_no IN (:customerNos)
      AND a.open_amount <> 0
    GROUP BY a.customer_no
) ar ON ar.customer_no = c.customer_no
LEFT JOIN (
    SELECT so.customer_no,
           SUM(CASE WHEN so.total_amount > COALESCE(inv.invoiced, 0)
                    THEN so.total_amount - COALESCE(inv.invoiced, 0) ELSE 0 END) AS open_orders,
           SUM(CASE WHEN so.total_amount > COALESCE(inv.invoiced, 0)
                     AND (so.currency <> cc.currency OR cc.currency IS NULL) THEN 1 ELSE 0 END) AS other_currency
    FROM erp_sales_order so
    JOIN erp_customer cc ON cc.customer_no = so.customer_no
    LEFT JOIN (
        SELECT order_no, SUM(net_amount) AS invoiced
        FROM erp_invoice
        WHERE customer_no IN (:customerNos)
          AND status <> 'CANCELLED'
          AND order_no IS NOT NULL
        GROUP BY order_no
    ) inv ON inv.order_no = so.order_no
    WHERE so.customer_no IN (:customerNos)
      AND so.status <> 'CANCELLED'
    GROUP BY so.customer_no
) o ON o.customer_no = c.customer_no
WHERE c.customer_no IN (:customerNos)
