-- Northwind-shaped ERP tables (a subset of the columns of ../shared/reference/db/northwind/northwind.sql): money in
-- REAL (single-precision float) columns, as many legacy ERPs and the Northwind sample keep it. Runs on H2 and PostgreSQL.
CREATE TABLE customers (
  customer_id  VARCHAR(5) NOT NULL PRIMARY KEY,
  company_name VARCHAR(40) NOT NULL
);
CREATE TABLE orders (
  order_id    SMALLINT NOT NULL PRIMARY KEY,
  customer_id VARCHAR(5),
  order_date  DATE
);
CREATE TABLE order_details (
  order_id   SMALLINT NOT NULL,
  product_id SMALLINT NOT NULL,
  unit_price REAL NOT NULL,
  quantity   SMALLINT NOT NULL,
  discount   REAL NOT NULL
);
