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

  /**
   * Every table, in foreign-key order: as the schema scripts create them, so a touchpoint that needs a new table adds
   * it by SQL alone (the three dialects' scripts create the same tables in the same order, checked by the tests).
   */
  public static final List<String> ALL = tablesOf("erp/reference/h2/schema.sql");

  private static List<String> tablesOf(String script) {
    try (java.io.InputStream in = ErpTables.class.getClassLoader().getResourceAsStream(script)) {
      if (in == null) {
        throw new IllegalStateException("the reference ERP schema " + script + " is not on the class path");
      }
      String sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^\\s*CREATE\\s+TABLE\\s+([a-z_][a-z0-9_]*)")
          .matcher(sql);
      List<String> out = new java.util.ArrayList<>();
      while (m.find()) {
        out.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
      }
      return List.copyOf(out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private ErpTables() {
  }
}
