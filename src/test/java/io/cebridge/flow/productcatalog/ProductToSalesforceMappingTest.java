package io.cebridge.flow.productcatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.flow.erptocrm.CrmWrite;
import io.cebridge.it.TestFiles;
import io.cebridge.mapping.MappingException;
import io.cebridge.mapping.MappingRegistry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped product-catalog mapping: which entries are standard prices, from a price list or the product's list price. */
class ProductToSalesforceMappingTest {
    private static final String MAPPING = "product-catalog/product-to-salesforce.jsonata";
    // Classic Models' 1969 Harley Davidson Ultimate Chopper: MSRP 95.70 (classicmodels-products.csv)
    private static final String CHOPPER = "S10_1678";

    @TempDir
    Path tmp;

    @Test
    void theShippedSettingTakesStandardPricesFromTheUsdListAndIgnoresTheProductsListPrice() throws Exception {
        List<CrmWrite> writes = map(MappingRegistry.load(Path.of("mappings")), product("ACTIVE", new BigDecimal("95.7000")));

        assertThat(keys(writes.get(1))).containsExactly("USD-MSRP|" + CHOPPER);
        assertThat(writes.get(1).records().get(0)).containsEntry("UnitPrice", new BigDecimal("95.7000"))
                .containsEntry("CurrencyIsoCode", "USD");
        assertThat(keys(writes.get(2))).containsExactly("EUR-DEALER|" + CHOPPER);
    }

    @Test
    void aCurrencyWithoutAListTakesTheProductsListPriceAsItsStandardPriceBeforeItsCustomPrices() throws Exception {
        List<CrmWrite> writes = map(withStandardPrices("EUR,product.listPrice"),
                product("ACTIVE", new BigDecimal("95.7000")));

        CrmWrite standard = writes.get(1);
        assertThat(keys(standard)).containsExactly("product.listPrice:EUR|" + CHOPPER, "USD-MSRP|" + CHOPPER);
        assertThat(standard.records().get(0))
                .containsEntry("Pricebook2", Map.of("ERP_Price_List_Code__c", "USD-MSRP"))
                .containsEntry("Product2", Map.of("ERP_Product_Code__c", CHOPPER))
                .containsEntry("CurrencyIsoCode", "EUR")
                .containsEntry("UnitPrice", new BigDecimal("95.7000")) // exact, as the ERP holds it
                .containsEntry("UseStandardPrice", false)
                .containsEntry("IsActive", true);
        assertThat(keys(writes.get(2))).containsExactly("EUR-DEALER|" + CHOPPER);
    }

    @Test
    void theSettingIgnoresCaseAndTheCurrencyIsWrittenInCapitals() throws Exception {
        CrmWrite standard = map(withStandardPrices("cny,Product.ListPrice"), product("ACTIVE", new BigDecimal("95.70")))
                .get(1);

        assertThat(standard.records()).filteredOn(r -> "CNY".equals(r.get("CurrencyIsoCode"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("ERP_Price_Key__c", "product.listPrice:CNY|" + CHOPPER)
                        .containsEntry("UnitPrice", new BigDecimal("95.70")));
    }

    @Test
    void anActiveProductWithoutAListPriceIsRefusedNamingTheFieldNotPricedAtZero() throws Exception {
        MappingRegistry registry = withStandardPrices("EUR,product.listPrice");
        Map<String, Object> withNull = product("ACTIVE", null);
        Map<String, Object> withoutField = product("ACTIVE", null);
        document(withoutField).remove("listPrice");

        for (Map<String, Object> event : List.of(withNull, withoutField)) {
            assertThatThrownBy(() -> map(registry, event)).isInstanceOfSatisfying(MappingException.class, e -> {
                assertThat(e.code()).isEqualTo("REQUIRED");
                assertThat(e.getMessage()).contains("product " + CHOPPER + " has no listPrice")
                        .contains("EUR standard price").contains(MAPPING);
            });
        }
    }

    @Test
    void aDiscontinuedProductWithoutAListPriceIsStillDeactivated() throws Exception {
        List<CrmWrite> writes = map(withStandardPrices("EUR,product.listPrice"), product("DISCONTINUED", null));

        assertThat(writes.get(0).records()).singleElement().satisfies(p -> assertThat(p).containsEntry("IsActive", false));
        assertThat(keys(writes.get(1))).containsExactly("USD-MSRP|" + CHOPPER);
    }

    private MappingRegistry withStandardPrices(String row) throws Exception {
        Path mappings = TestFiles.copyTree(Path.of("mappings"), tmp.resolve("mappings"));
        Files.writeString(mappings.resolve("product-catalog/standard-prices.csv"), String.join("\n",
                "key,erp_price_list", "standard-price-book,USD-MSRP", "USD,USD-MSRP", row, ""));
        return MappingRegistry.load(mappings);
    }

    private static List<CrmWrite> map(MappingRegistry registry, Map<String, Object> event) throws MappingException {
        List<CrmWrite> writes = CrmWrite.parse(registry.mapping(MAPPING).apply(event));
        assertThat(writes).extracting(CrmWrite::sobject)
                .containsExactly("Product2", "PricebookEntry", "PricebookEntry", "ERP_Stock_Level__c");
        return writes;
    }

    private static List<Object> keys(CrmWrite w) {
        return w.records().stream().map(r -> r.get("ERP_Price_Key__c")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document(Map<String, Object> event) {
        return (Map<String, Object>) event.get("document");
    }

    /** The document the ERP query builds for the Chopper (erp_product in camelCase, its prices and stock). */
    private static Map<String, Object> product(String status, BigDecimal listPrice) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("productCode", CHOPPER);
        doc.put("name", "1969 Harley Davidson Ultimate Chopper");
        doc.put("uom", "EA");
        doc.put("standardCost", new BigDecimal("48.8100"));
        doc.put("listPrice", listPrice);
        doc.put("status", status);
        doc.put("category", List.of(Map.of("productCode", CHOPPER, "name", "Motorcycles")));
        doc.put("prices", List.of(
                price("USD-MSRP", "USD", "95.7000"),
                price("EUR-DEALER", "EUR", "74.5000")));
        doc.put("stock", List.of(Map.of("productCode", CHOPPER, "warehouseCode", "SFO", "onHand",
                new BigDecimal("7933"), "reserved", BigDecimal.ZERO, "available", new BigDecimal("7933"))));
        return new HashMap<>(Map.of("document", doc));
    }

    private static Map<String, Object> price(String list, String currency, String unitPrice) {
        return Map.of("priceListCode", list, "productCode", CHOPPER, "currency", currency,
                "unitPrice", new BigDecimal(unitPrice), "uom", "EA", "listStatus", "ACTIVE");
    }
}
