-- Reference ERP schema, MariaDB dialect (10.3 or later: sequences as column defaults); MySQL has no sequences.
-- Keep tables, columns and constraint names in step with ../h2/schema.sql and ../postgresql/schema.sql.
-- Timestamps are DATETIME(3) with a plain DEFAULT: no ON UPDATE clause, so updated_at moves only when the application
-- sets it, and DATETIME avoids TIMESTAMP's session-time-zone conversion and 2038 limit.
-- Tables state utf8mb4 themselves so Chinese names survive whatever the database default charset is.
-- Every table carries created_at/updated_at; updated_at is the change-polling column (like Kingdee's FModifyDate)
-- and is only ever changed by the application, never by a trigger or ON UPDATE clause.
-- Master data and documents are keyed by their business numbers (product_code, order_no, invoice_no ...), as in
-- most ERPs; only erp_customer uses a numeric key, assigned by the ERP's own number range (the sequence below).

CREATE SEQUENCE erp_customer_no_seq START WITH 100001 INCREMENT BY 1;

CREATE TABLE erp_customer (
  customer_no        BIGINT DEFAULT NEXT VALUE FOR erp_customer_no_seq NOT NULL,
  crm_account_id     VARCHAR(18),            -- NULL for customers created by hand in the ERP
  name               VARCHAR(100) NOT NULL,
  uscc               VARCHAR(18),            -- unified social credit code; not unique, legacy data holds duplicates
  phone              VARCHAR(32),
  currency           CHAR(3),
  street             VARCHAR(200),
  city               VARCHAR(60),
  province           VARCHAR(60),
  postal_code        VARCHAR(20),
  country_code       CHAR(2),
  status             VARCHAR(20) DEFAULT 'ACTIVE' NOT NULL,
  credit_limit       DECIMAL(18,2),
  payment_terms_days INT,
  sales_rep          VARCHAR(60),
  created_at         DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at         DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_customer PRIMARY KEY (customer_no),
  CONSTRAINT uq_erp_customer_crm_account UNIQUE (crm_account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_customer_uscc ON erp_customer (uscc);
CREATE INDEX ix_erp_customer_updated ON erp_customer (updated_at);

CREATE TABLE erp_customer_address (
  address_id    BIGINT NOT NULL AUTO_INCREMENT,
  customer_no   BIGINT NOT NULL,
  address_type  VARCHAR(10) NOT NULL,
  is_default    BOOLEAN DEFAULT TRUE NOT NULL,
  address_line1 VARCHAR(200) NOT NULL,
  address_line2 VARCHAR(200),
  city          VARCHAR(60),
  province      VARCHAR(60),
  postal_code   VARCHAR(20),
  country_code  CHAR(2),
  created_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_customer_address PRIMARY KEY (address_id),
  CONSTRAINT fk_erp_customer_address_customer FOREIGN KEY (customer_no) REFERENCES erp_customer (customer_no),
  CONSTRAINT ck_erp_customer_address_type CHECK (address_type IN ('BILL_TO', 'SHIP_TO'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_customer_address_customer ON erp_customer_address (customer_no);
CREATE INDEX ix_erp_customer_address_updated ON erp_customer_address (updated_at);

CREATE TABLE erp_customer_contact (
  contact_id  BIGINT NOT NULL AUTO_INCREMENT,
  crm_contact_id VARCHAR(18),               -- NULL for contacts entered in the ERP
  customer_no BIGINT NOT NULL,
  first_name  VARCHAR(60),
  last_name   VARCHAR(60) NOT NULL,
  job_title   VARCHAR(60),
  phone       VARCHAR(32),
  mobile_phone VARCHAR(32),
  email       VARCHAR(120),
  is_primary  BOOLEAN DEFAULT FALSE NOT NULL,
  created_at  DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at  DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_customer_contact PRIMARY KEY (contact_id),
  CONSTRAINT uq_erp_customer_contact_crm UNIQUE (crm_contact_id),
  CONSTRAINT fk_erp_customer_contact_customer FOREIGN KEY (customer_no) REFERENCES erp_customer (customer_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_customer_contact_customer ON erp_customer_contact (customer_no);
CREATE INDEX ix_erp_customer_contact_updated ON erp_customer_contact (updated_at);

CREATE TABLE erp_product_category (
  category_code VARCHAR(20) NOT NULL,
  parent_code   VARCHAR(20),
  name          VARCHAR(100) NOT NULL,
  description   VARCHAR(2000),
  created_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_product_category PRIMARY KEY (category_code),
  CONSTRAINT fk_erp_product_category_parent FOREIGN KEY (parent_code) REFERENCES erp_product_category (category_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_product_category_updated ON erp_product_category (updated_at);

CREATE TABLE erp_product (
  product_code  VARCHAR(40) NOT NULL,
  name          VARCHAR(200) NOT NULL,
  category_code VARCHAR(20),
  specification VARCHAR(60),
  vendor_name   VARCHAR(100),
  description   VARCHAR(2000),
  uom           VARCHAR(10) DEFAULT 'EA' NOT NULL,
  standard_cost DECIMAL(18,4),
  list_price    DECIMAL(18,4),                -- the product's own list price (MSRP), in the company's currency; NULL = none
  status        VARCHAR(20) DEFAULT 'ACTIVE' NOT NULL,
  created_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_product PRIMARY KEY (product_code),
  CONSTRAINT fk_erp_product_category FOREIGN KEY (category_code) REFERENCES erp_product_category (category_code),
  CONSTRAINT ck_erp_product_status CHECK (status IN ('ACTIVE', 'DISCONTINUED'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_product_category ON erp_product (category_code);
CREATE INDEX ix_erp_product_updated ON erp_product (updated_at);

CREATE TABLE erp_price_list (
  price_list_code VARCHAR(20) NOT NULL,
  name            VARCHAR(100) NOT NULL,
  currency        CHAR(3) NOT NULL,
  valid_from      DATE NOT NULL,
  valid_to        DATE,                        -- NULL = open-ended
  status          VARCHAR(20) DEFAULT 'ACTIVE' NOT NULL,
  created_at      DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at      DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_price_list PRIMARY KEY (price_list_code),
  CONSTRAINT ck_erp_price_list_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_price_list_updated ON erp_price_list (updated_at);

CREATE TABLE erp_price_list_item (
  price_list_code VARCHAR(20) NOT NULL,
  product_code    VARCHAR(40) NOT NULL,
  unit_price      DECIMAL(18,4) NOT NULL,
  uom             VARCHAR(10) DEFAULT 'EA' NOT NULL,
  created_at      DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at      DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_price_list_item PRIMARY KEY (price_list_code, product_code),
  CONSTRAINT fk_erp_price_list_item_list FOREIGN KEY (price_list_code) REFERENCES erp_price_list (price_list_code),
  CONSTRAINT fk_erp_price_list_item_product FOREIGN KEY (product_code) REFERENCES erp_product (product_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_price_list_item_product ON erp_price_list_item (product_code);
CREATE INDEX ix_erp_price_list_item_updated ON erp_price_list_item (updated_at);

CREATE TABLE erp_warehouse (
  warehouse_code VARCHAR(10) NOT NULL,
  name           VARCHAR(100) NOT NULL,
  street         VARCHAR(200),
  city           VARCHAR(60),
  province       VARCHAR(60),
  postal_code    VARCHAR(20),
  country_code   CHAR(2),
  status         VARCHAR(20) DEFAULT 'ACTIVE' NOT NULL,
  created_at     DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at     DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_warehouse PRIMARY KEY (warehouse_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_warehouse_updated ON erp_warehouse (updated_at);

CREATE TABLE erp_stock_level (
  product_code   VARCHAR(40) NOT NULL,
  warehouse_code VARCHAR(10) NOT NULL,
  on_hand        DECIMAL(18,3) DEFAULT 0 NOT NULL,
  reserved       DECIMAL(18,3) DEFAULT 0 NOT NULL,   -- promised to open sales orders; available = on_hand - reserved
  created_at     DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at     DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_stock_level PRIMARY KEY (product_code, warehouse_code),
  CONSTRAINT fk_erp_stock_level_product FOREIGN KEY (product_code) REFERENCES erp_product (product_code),
  CONSTRAINT fk_erp_stock_level_warehouse FOREIGN KEY (warehouse_code) REFERENCES erp_warehouse (warehouse_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_stock_level_warehouse ON erp_stock_level (warehouse_code);
CREATE INDEX ix_erp_stock_level_updated ON erp_stock_level (updated_at);

-- orders the ERP numbers itself (SO-500001 ...); orders made from CRM quotes carry the quote's id (one order per quote)
CREATE SEQUENCE erp_sales_order_no_seq START WITH 500001 INCREMENT BY 1;
CREATE TABLE erp_sales_order (
  order_no      VARCHAR(20) DEFAULT (CONCAT('SO-', NEXT VALUE FOR erp_sales_order_no_seq)) NOT NULL,
  customer_no   BIGINT NOT NULL,
  order_date    DATE DEFAULT (CURRENT_DATE) NOT NULL,
  required_date DATE,
  shipped_date  DATE,
  status        VARCHAR(20) NOT NULL,
  currency      CHAR(3) NOT NULL,
  total_amount  DECIMAL(18,2) DEFAULT 0 NOT NULL,
  sales_rep     VARCHAR(60),
  remarks       VARCHAR(1000),
  order_source  VARCHAR(10) DEFAULT 'ERP' NOT NULL,  -- ERP, CRM
  crm_quote_id  VARCHAR(18),  -- the CRM quote (or won opportunity) the order was made from
  crm_opportunity_id VARCHAR(18),  -- and its opportunity, to which the order's status goes back too
  created_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_sales_order PRIMARY KEY (order_no),
  CONSTRAINT uq_erp_sales_order_crm_quote UNIQUE (crm_quote_id),
  CONSTRAINT fk_erp_sales_order_customer FOREIGN KEY (customer_no) REFERENCES erp_customer (customer_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_sales_order_customer ON erp_sales_order (customer_no, order_date);
CREATE INDEX ix_erp_sales_order_updated ON erp_sales_order (updated_at);

CREATE TABLE erp_sales_order_line (
  order_no         VARCHAR(20) NOT NULL,
  line_no          INT NOT NULL,
  product_code     VARCHAR(40) NOT NULL,
  quantity         DECIMAL(18,3) NOT NULL,
  uom              VARCHAR(10) DEFAULT 'EA' NOT NULL,
  unit_price       DECIMAL(18,4) NOT NULL,
  line_amount      DECIMAL(18,2) NOT NULL,
  shipped_quantity DECIMAL(18,3) DEFAULT 0 NOT NULL,
  discount_percent DECIMAL(7,4) DEFAULT 0 NOT NULL,
  crm_line_id      VARCHAR(18),
  created_at       DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at       DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_sales_order_line PRIMARY KEY (order_no, line_no),
  CONSTRAINT uq_erp_sales_order_line_crm UNIQUE (crm_line_id),
  CONSTRAINT fk_erp_sales_order_line_order FOREIGN KEY (order_no) REFERENCES erp_sales_order (order_no),
  CONSTRAINT fk_erp_sales_order_line_product FOREIGN KEY (product_code) REFERENCES erp_product (product_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_sales_order_line_product ON erp_sales_order_line (product_code);
CREATE INDEX ix_erp_sales_order_line_updated ON erp_sales_order_line (updated_at);

-- shipments (发货单) of sales orders: each line ships part or all of one order line
CREATE TABLE erp_shipment (
  shipment_no   VARCHAR(20) NOT NULL,
  order_no      VARCHAR(20) NOT NULL,
  ship_date     DATE NOT NULL,
  carrier       VARCHAR(60),
  tracking_no   VARCHAR(60),
  status        VARCHAR(20) DEFAULT 'SHIPPED' NOT NULL,  -- SHIPPED, DELIVERED, RETURNED
  created_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_shipment PRIMARY KEY (shipment_no),
  CONSTRAINT fk_erp_shipment_order FOREIGN KEY (order_no) REFERENCES erp_sales_order (order_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_shipment_order ON erp_shipment (order_no);
CREATE INDEX ix_erp_shipment_updated ON erp_shipment (updated_at);

CREATE TABLE erp_shipment_line (
  shipment_no   VARCHAR(20) NOT NULL,
  line_no       INT NOT NULL,
  order_no      VARCHAR(20) NOT NULL,
  order_line_no INT NOT NULL,
  quantity      DECIMAL(18,3) NOT NULL,
  created_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_shipment_line PRIMARY KEY (shipment_no, line_no),
  CONSTRAINT fk_erp_shipment_line_shipment FOREIGN KEY (shipment_no) REFERENCES erp_shipment (shipment_no),
  CONSTRAINT fk_erp_shipment_line_order_line FOREIGN KEY (order_no, order_line_no)
    REFERENCES erp_sales_order_line (order_no, line_no),
  CONSTRAINT ck_erp_shipment_line_quantity CHECK (quantity > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_shipment_line_order ON erp_shipment_line (order_no, order_line_no);
CREATE INDEX ix_erp_shipment_line_updated ON erp_shipment_line (updated_at);

CREATE TABLE erp_invoice (
  invoice_no   VARCHAR(20) NOT NULL,
  customer_no  BIGINT NOT NULL,
  order_no     VARCHAR(20),
  invoice_date DATE NOT NULL,
  due_date     DATE NOT NULL,
  currency     CHAR(3) NOT NULL,
  net_amount   DECIMAL(18,2) NOT NULL,
  tax_amount   DECIMAL(18,2) DEFAULT 0 NOT NULL,
  total_amount DECIMAL(18,2) NOT NULL,
  status       VARCHAR(20) DEFAULT 'OPEN' NOT NULL,  -- OPEN, PARTIALLY_PAID, PAID, CANCELLED
  created_at   DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at   DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_invoice PRIMARY KEY (invoice_no),
  CONSTRAINT fk_erp_invoice_customer FOREIGN KEY (customer_no) REFERENCES erp_customer (customer_no),
  CONSTRAINT fk_erp_invoice_order FOREIGN KEY (order_no) REFERENCES erp_sales_order (order_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_invoice_customer ON erp_invoice (customer_no, invoice_date);
CREATE INDEX ix_erp_invoice_order ON erp_invoice (order_no);
CREATE INDEX ix_erp_invoice_updated ON erp_invoice (updated_at);

CREATE TABLE erp_invoice_line (
  invoice_no    VARCHAR(20) NOT NULL,
  line_no       INT NOT NULL,
  order_no      VARCHAR(20),
  order_line_no INT,
  product_code  VARCHAR(40) NOT NULL,
  quantity      DECIMAL(18,3) NOT NULL,
  uom           VARCHAR(10) DEFAULT 'EA' NOT NULL,
  unit_price    DECIMAL(18,4) NOT NULL,
  line_amount   DECIMAL(18,2) NOT NULL,
  created_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_invoice_line PRIMARY KEY (invoice_no, line_no),
  CONSTRAINT fk_erp_invoice_line_invoice FOREIGN KEY (invoice_no) REFERENCES erp_invoice (invoice_no),
  CONSTRAINT fk_erp_invoice_line_order_line FOREIGN KEY (order_no, order_line_no) REFERENCES erp_sales_order_line (order_no, line_no),
  CONSTRAINT fk_erp_invoice_line_product FOREIGN KEY (product_code) REFERENCES erp_product (product_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_invoice_line_order_line ON erp_invoice_line (order_no, order_line_no);
CREATE INDEX ix_erp_invoice_line_product ON erp_invoice_line (product_code);
CREATE INDEX ix_erp_invoice_line_updated ON erp_invoice_line (updated_at);

CREATE TABLE erp_ar_open_item (
  invoice_no      VARCHAR(20) NOT NULL,
  customer_no     BIGINT NOT NULL,
  document_date   DATE NOT NULL,
  due_date        DATE NOT NULL,
  currency        CHAR(3) NOT NULL,
  original_amount DECIMAL(18,2) NOT NULL,
  open_amount     DECIMAL(18,2) NOT NULL,
  created_at      DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at      DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_ar_open_item PRIMARY KEY (invoice_no),
  CONSTRAINT fk_erp_ar_open_item_invoice FOREIGN KEY (invoice_no) REFERENCES erp_invoice (invoice_no),
  CONSTRAINT fk_erp_ar_open_item_customer FOREIGN KEY (customer_no) REFERENCES erp_customer (customer_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_ar_open_item_customer ON erp_ar_open_item (customer_no, due_date);
CREATE INDEX ix_erp_ar_open_item_updated ON erp_ar_open_item (updated_at);

CREATE TABLE erp_payment (
  payment_no       VARCHAR(20) NOT NULL,
  customer_no      BIGINT NOT NULL,
  payment_date     DATE NOT NULL,
  currency         CHAR(3) NOT NULL,
  amount           DECIMAL(18,2) NOT NULL,
  payment_method   VARCHAR(20) NOT NULL,       -- CHEQUE, BANK_TRANSFER, ...
  reference        VARCHAR(50),                -- cheque or bank reference
  unapplied_amount DECIMAL(18,2) DEFAULT 0 NOT NULL,
  created_at       DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at       DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_payment PRIMARY KEY (payment_no),
  CONSTRAINT fk_erp_payment_customer FOREIGN KEY (customer_no) REFERENCES erp_customer (customer_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_payment_customer ON erp_payment (customer_no, payment_date);
CREATE INDEX ix_erp_payment_updated ON erp_payment (updated_at);

CREATE TABLE erp_payment_allocation (
  payment_no       VARCHAR(20) NOT NULL,
  invoice_no       VARCHAR(20) NOT NULL,
  allocated_amount DECIMAL(18,2) NOT NULL,
  allocation_date  DATE NOT NULL,
  created_at       DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at       DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_payment_allocation PRIMARY KEY (payment_no, invoice_no),
  CONSTRAINT fk_erp_payment_allocation_payment FOREIGN KEY (payment_no) REFERENCES erp_payment (payment_no),
  CONSTRAINT fk_erp_payment_allocation_invoice FOREIGN KEY (invoice_no) REFERENCES erp_invoice (invoice_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_payment_allocation_invoice ON erp_payment_allocation (invoice_no);
CREATE INDEX ix_erp_payment_allocation_updated ON erp_payment_allocation (updated_at);

-- returns the ERP numbers itself (RMA-700001 ...); returns requested in the CRM carry the Case's id
CREATE SEQUENCE erp_return_no_seq START WITH 700001 INCREMENT BY 1;
CREATE TABLE erp_return_order (
  return_no     VARCHAR(20) DEFAULT (CONCAT('RMA-', NEXT VALUE FOR erp_return_no_seq)) NOT NULL,
  customer_no   BIGINT NOT NULL,
  order_no      VARCHAR(20),
  invoice_no    VARCHAR(20),
  request_date  DATE DEFAULT (CURRENT_DATE) NOT NULL,
  received_date DATE,
  status        VARCHAR(20) DEFAULT 'REQUESTED' NOT NULL,
  reason        VARCHAR(1000),
  currency      CHAR(3) NOT NULL,
  refund_amount DECIMAL(18,2),                 -- set once inspected/refunded
  crm_case_id   VARCHAR(18),
  created_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_return_order PRIMARY KEY (return_no),
  CONSTRAINT uq_erp_return_order_crm_case UNIQUE (crm_case_id),
  CONSTRAINT fk_erp_return_order_customer FOREIGN KEY (customer_no) REFERENCES erp_customer (customer_no),
  CONSTRAINT fk_erp_return_order_order FOREIGN KEY (order_no) REFERENCES erp_sales_order (order_no),
  CONSTRAINT fk_erp_return_order_invoice FOREIGN KEY (invoice_no) REFERENCES erp_invoice (invoice_no),
  CONSTRAINT ck_erp_return_order_status CHECK (status IN ('REQUESTED', 'RECEIVED', 'INSPECTED', 'REFUNDED'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_return_order_customer ON erp_return_order (customer_no);
CREATE INDEX ix_erp_return_order_order ON erp_return_order (order_no);
CREATE INDEX ix_erp_return_order_invoice ON erp_return_order (invoice_no);
CREATE INDEX ix_erp_return_order_updated ON erp_return_order (updated_at);

CREATE TABLE erp_return_line (
  return_no         VARCHAR(20) NOT NULL,
  line_no           INT NOT NULL,
  order_line_no     INT,
  product_code      VARCHAR(40) NOT NULL,
  quantity          DECIMAL(18,3) NOT NULL,
  received_quantity DECIMAL(18,3) DEFAULT 0 NOT NULL,
  unit_price        DECIMAL(18,4) NOT NULL,
  line_amount       DECIMAL(18,2) NOT NULL,
  crm_line_id       VARCHAR(18),
  created_at        DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at        DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_return_line PRIMARY KEY (return_no, line_no),
  CONSTRAINT uq_erp_return_line_crm UNIQUE (crm_line_id),
  CONSTRAINT fk_erp_return_line_return FOREIGN KEY (return_no) REFERENCES erp_return_order (return_no),
  CONSTRAINT fk_erp_return_line_product FOREIGN KEY (product_code) REFERENCES erp_product (product_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_return_line_product ON erp_return_line (product_code);
CREATE INDEX ix_erp_return_line_updated ON erp_return_line (updated_at);

CREATE TABLE erp_exchange_rate (
  from_currency CHAR(3) NOT NULL,
  to_currency   CHAR(3) NOT NULL,
  rate_date     DATE NOT NULL,
  rate          DECIMAL(18,8) NOT NULL,        -- 1 from_currency = rate to_currency
  created_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_exchange_rate PRIMARY KEY (from_currency, to_currency, rate_date),
  CONSTRAINT ck_erp_exchange_rate_positive CHECK (rate > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_exchange_rate_updated ON erp_exchange_rate (updated_at);

-- expense claims (费用报销) made from approved CRM expenses; payment_status and paid_at belong to the ERP's payables
CREATE SEQUENCE erp_expense_claim_no_seq START WITH 500001 INCREMENT BY 1;
CREATE TABLE erp_expense_claim (
  claim_no        BIGINT DEFAULT NEXT VALUE FOR erp_expense_claim_no_seq NOT NULL,
  crm_expense_id  VARCHAR(18),             -- NULL for claims entered in the ERP
  customer_no     BIGINT,
  expense_date    DATE NOT NULL,
  expense_account VARCHAR(20) NOT NULL,
  amount          DECIMAL(18,2) NOT NULL,
  currency        CHAR(3) NOT NULL,
  payment_status  VARCHAR(20) DEFAULT 'UNPAID' NOT NULL,
  paid_at         DATE,
  created_at      DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at      DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_expense_claim PRIMARY KEY (claim_no),
  CONSTRAINT uq_erp_expense_claim_crm UNIQUE (crm_expense_id),
  CONSTRAINT fk_erp_expense_claim_customer FOREIGN KEY (customer_no) REFERENCES erp_customer (customer_no),
  CONSTRAINT ck_erp_expense_claim_amount CHECK (amount > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_expense_claim_updated ON erp_expense_claim (updated_at);

-- demand forecast (销售预测) for production planning: one row per CRM opportunity line
CREATE TABLE erp_demand_forecast (
  forecast_id        BIGINT NOT NULL AUTO_INCREMENT,
  crm_line_id        VARCHAR(18) NOT NULL,     -- the CRM opportunity line
  crm_opportunity_id VARCHAR(18) NOT NULL,
  customer_no        BIGINT NOT NULL,
  product_code       VARCHAR(40) NOT NULL,
  expected_month     CHAR(7) NOT NULL,         -- yyyy-MM of the expected close
  quantity           DECIMAL(18,4) NOT NULL,
  probability        DECIMAL(5,2) NOT NULL,    -- percent
  weighted_quantity  DECIMAL(18,4) NOT NULL,   -- quantity x probability / 100
  stage              VARCHAR(40),
  created_at         DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  updated_at         DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
  CONSTRAINT pk_erp_demand_forecast PRIMARY KEY (forecast_id),
  CONSTRAINT uq_erp_demand_forecast_line UNIQUE (crm_line_id),
  CONSTRAINT fk_erp_demand_forecast_customer FOREIGN KEY (customer_no) REFERENCES erp_customer (customer_no),
  CONSTRAINT fk_erp_demand_forecast_product FOREIGN KEY (product_code) REFERENCES erp_product (product_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_erp_demand_forecast_opportunity ON erp_demand_forecast (crm_opportunity_id);
CREATE INDEX ix_erp_demand_forecast_updated ON erp_demand_forecast (updated_at);
