package io.cebridge.erp.reference.seed;

import io.cebridge.erp.reference.ErpTables;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * Builds categories (from product lines), products with their own list price (MSRP, Classic Models' product field), a
 * USD list-price list holding the same MSRPs and the stock of the one warehouse (on hand from quantityInStock, reserved
 * from open sales orders).
 */
final class CatalogSeed {

  static final String UOM = "EA";
  static final String PRICE_LIST_CODE = "USD-MSRP";
  // Classic Models' first order is dated 2003-01-06, so the list price has to be valid from the start of that year.
  static final LocalDate PRICE_LIST_VALID_FROM = LocalDate.of(2003, 1, 1);

  final TableRows categories = new TableRows(ErpTables.PRODUCT_CATEGORY,
      "category_code", "parent_code", "name", "description");
  final TableRows products = new TableRows(ErpTables.PRODUCT,
      "product_code", "name", "category_code", "specification", "vendor_name", "description", "uom",
      "standard_cost", "list_price", "status");
  final TableRows priceLists = new TableRows(ErpTables.PRICE_LIST,
      "price_list_code", "name", "currency", "valid_from", "valid_to", "status");
  final TableRows priceListItems = new TableRows(ErpTables.PRICE_LIST_ITEM,
      "price_list_code", "product_code", "unit_price", "uom");
  final TableRows warehouses = new TableRows(ErpTables.WAREHOUSE,
      "warehouse_code", "name", "street", "city", "province", "postal_code", "country_code", "status");
  final TableRows stockLevels = new TableRows(ErpTables.STOCK_LEVEL,
      "product_code", "warehouse_code", "on_hand", "reserved");

  CatalogSeed build(Map<String, BigDecimal> reservedByProduct) {
    for (CsvRow row : CsvFile.read("classicmodels-product-categories.csv")) {
      categories.add(row.required("category_code"), null, row.required("name"), row.text("description"));
    }
    String warehouseCode = null;
    for (CsvRow row : CsvFile.read("classicmodels-warehouses.csv")) {
      warehouseCode = row.required("warehouse_code");
      warehouses.add(warehouseCode, row.required("name"), row.text("street"), row.text("city"),
          row.text("province"), row.text("postal_code"), row.text("country_code"), "ACTIVE");
    }
    if (warehouses.rows().size() != 1) {
      throw new IllegalStateException("the Classic Models stock needs exactly one warehouse row");
    }
    priceLists.add(PRICE_LIST_CODE, "US list price (MSRP)", "USD", PRICE_LIST_VALID_FROM, null, "ACTIVE");
    for (CsvRow row : CsvFile.read("classicmodels-products.csv")) {
      String code = row.required("product_code");
      products.add(code, row.required("name"), row.required("category_code"), row.text("specification"),
          row.text("vendor"), row.text("description"), UOM, row.decimal("buy_price"),
          row.decimal("msrp"), "ACTIVE");
      priceListItems.add(PRICE_LIST_CODE, code, row.decimal("msrp"), UOM);
      stockLevels.add(code, warehouseCode, row.decimal("quantity_in_stock"),
          reservedByProduct.getOrDefault(code, BigDecimal.ZERO));
    }
    return this;
  }
}
