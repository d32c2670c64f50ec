package io.cebridge.flow.productcatalog;

import io.cebridge.config.BridgeKeys;
import io.cebridge.connector.erp.jdbc.ChangeTable;
import io.cebridge.flow.erptocrm.DocumentType;
import io.cebridge.flow.erptocrm.ErpToCrmFlow;
import io.cebridge.flow.erptocrm.TableDocumentLoader;
import io.cebridge.flow.erptocrm.TableDocumentLoader.Child;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * product-catalog: ERP products with their price list items and stock levels -> Salesforce Product2, PricebookEntry and
 * ERP_Stock_Level__c. A product, its prices and its stock are one document on one Kafka partition, so a price or a
 * stock row is never written before its Product2 exists (which would fail as "Foreign key external ID not found").
 */
public final class ProductCatalogFlow {
    public static final String NAME = "product-catalog";
    static final String DOCUMENT = "product";

    private ProductCatalogFlow() {
    }

    public static ErpToCrmFlow of(DataSource erp) {
        Function<String, Object> text = k -> k;
        return new ErpToCrmFlow(BridgeKeys.PRODUCT_CATALOG, "productCatalog",
                List.of(new ChangeTable("erp_product", List.of("product_code"), "product_code", DOCUMENT),
                        new ChangeTable("erp_price_list_item", List.of("price_list_code", "product_code"), "product_code",
                                DOCUMENT),
                        new ChangeTable("erp_stock_level", List.of("product_code", "warehouse_code"), "product_code",
                                DOCUMENT)),
                List.of(new DocumentType(DOCUMENT, new TableDocumentLoader(erp, "erp_product", "product_code", text,
                        List.of(
                                // Family shows the category's name; the category code alone means little to sales
                                new Child("category", "erp_product p JOIN erp_product_category c"
                                        + " ON c.category_code = p.category_code", "p.product_code", "c.category_code",
                                        "p.product_code, c.name"),
                                // the currency and status live on the price list, not on its items
                                new Child("prices", "erp_price_list_item i JOIN erp_price_list l"
                                        + " ON l.price_list_code = i.price_list_code", "i.product_code",
                                        "i.price_list_code", "i.*, l.currency, l.status AS list_status"),
                                // available is computed by the database in DECIMAL, exact, not in the mapping
                                new Child("stock", "erp_stock_level", "product_code", "warehouse_code",
                                        "product_code, warehouse_code, on_hand, reserved, on_hand - reserved AS available"))),
                        NAME + "/product-to-salesforce.jsonata", null)));
    }
}
