package io.cebridge.erp.reference;

import java.util.List;

/** Names of the reference ERP tables, parents before children (the order they are created and seeded in). */
public final class ErpTables {
  public static final String CUSTOMER = "erp_customer";
  public static final String CUSTOMER_ADDRESS = "erp_customer_address";
  public static final String CUSTOMER_CONTACT = "erp_customer_contact";
  public static final String PRODUCT_CATEGORY = "erp_product_category";
  public static final String PRODUCT = "erp_product";
  public static final String PRICE_LIST = "erp_price_list";
  public static final String PRICE_LIST_ITEM = "erp_price_list_item";
  public static final String WAREHOUSE = "erp_warehouse";
  public static final String STOCK_LEVEL = "erp_stock_level";
  public static final String SALES_ORDER = "erp_sales_order";
  public static final String SALES_ORDER_LINE = "erp_sales_order_line";
  public static final String INVOICE = "erp_invoice";
  public static final String INVOICE_LINE = "erp_invoice_line";
  public static final String AR_OPEN_ITEM = "erp_ar_open_item";
  public static final String PAYMENT = "erp_payment";
  public static final String PAYMENT_ALLOCATION = "erp_payment_allocation";
  public static final String RETURN_ORDER = "erp_return_order";
  public static final String RETURN_LINE = "erp_return_line";
  public static final String EXCHANGE_RATE = "erp_exchange_rate";

  /** Every table, in foreign-key order. */
  public static final List<String> ALL = List.of(
      CUSTOMER, CUSTOMER_ADDRESS, CUSTOMER_CONTACT,
      PRODUCT_CATEGORY, PRODUCT, PRICE_LIST, PRICE_LIST_ITEM, WAREHOUSE, STOCK_LEVEL,
      SALES_ORDER, SALES_ORDER_LINE, INVOICE, INVOICE_LINE, AR_OPEN_ITEM,
      PAYMENT, PAYMENT_ALLOCATION, RETURN_ORDER, RETURN_LINE, EXCHANGE_RATE);

  private ErpTables() {
  }
}
