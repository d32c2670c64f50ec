package io.cebridge.flow.productcatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.it.TestFiles;
import io.cebridge.runtime.BridgeRuntime;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Guards: a price change refused once its entry exists (create-only Product2Id/Pricebook2Id re-sent), custom prices
// refused for want of a standard price in their currency (from a price list or the product's list price), and one
// refused price costing its product the other prices and stock; against the demo CRM, which refuses what Salesforce
// refuses.
class PriceBookIT {
    private static final String CHOPPER = "S10_1678";
    private static final String RENAULT = "S10_1949";

    @TempDir
    Path tmp;

    @Test
    void pricesInThreeCurrenciesArriveWithTheirStandardPricesAndLaterChangesReachTheCrm() throws Exception {
        DemoObjectStore objects = new DemoObjectStore(Clock.systemUTC());
        // the admin's set-up: the Standard Price Book carries the code of the USD list price list, custom books theirs
        String standard = objects.standardPricebookId();
        objects.seedUpdate("Pricebook2", standard, Map.of("ERP_Price_List_Code__c", "USD-MSRP"));
        for (String book : List.of("USD-DEALER", "EUR-DEALER", "CNY-DEALER", "GBP-DEALER")) {
            objects.seed("Pricebook2", Map.of("Name", book, "ERP_Price_List_Code__c", book, "IsActive", true));
        }
        Path mappings = TestFiles.copyTree(Path.of("mappings"), tmp.resolve("mappings"));
        Files.writeString(mappings.resolve("product-catalog/standard-prices.csv"), String.join("\n",
                "key,erp_price_list", "standard-price-book,USD-MSRP", "USD,USD-MSRP", "EUR,EUR-LIST", "CNY,CNY-LIST", ""));

        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp, true);
             DemoSalesforceServer crm = new DemoSalesforceServer(DemoAccountStore.empty(Clock.systemUTC()), objects,
                     "it-client", "it-secret")) {
            priceList(erp, "EUR-LIST", "EUR", Map.of(CHOPPER, "88.1000", RENAULT, "197.0000"));
            priceList(erp, "CNY-LIST", "CNY", Map.of(CHOPPER, "689.0000", RENAULT, "1540.0000"));
            priceList(erp, "USD-DEALER", "USD", Map.of(CHOPPER, "80.0000"));
            priceList(erp, "EUR-DEALER", "EUR", Map.of(CHOPPER, "74.5000", RENAULT, "170.0000"));
            priceList(erp, "CNY-DEALER", "CNY", Map.of(CHOPPER, "600.0000"));
            priceList(erp, "GBP-DEALER", "GBP", Map.of(RENAULT, "150.0000")); // no standard GBP price: refused
            long products = erp.scalar("SELECT COUNT(*) FROM erp_product");
            long prices = erp.scalar("SELECT COUNT(*) FROM erp_price_list_item");
            long stock = erp.scalar("SELECT COUNT(*) FROM erp_stock_level");
            crm.start(0);
            BridgeHarness h = productCatalogOnly(crm, erp, mappings);

            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false).start()) {
                await().atMost(Duration.ofMinutes(2)).until(() -> objects.records("Product2").size() == products
                        && objects.records("PricebookEntry").size() == prices - 1
                        && objects.records("ERP_Stock_Level__c").size() == stock);

                // each currency's standard price is in the Standard Price Book, from that currency's configured list
                assertThat(entry(objects, "USD-MSRP|" + CHOPPER)).containsEntry("Pricebook2Id", standard)
                        .containsEntry("CurrencyIsoCode", "USD").containsEntry("UseStandardPrice", false);
                assertThat(entry(objects, "EUR-LIST|" + CHOPPER)).containsEntry("Pricebook2Id", standard)
                        .containsEntry("CurrencyIsoCode", "EUR").containsEntry("UnitPrice", new BigDecimal("88.1000"));
                assertThat(entry(objects, "CNY-LIST|" + RENAULT)).containsEntry("Pricebook2Id", standard)
                        .containsEntry("CurrencyIsoCode", "CNY");
                assertThat(entry(objects, "CNY-DEALER|" + CHOPPER)).containsEntry("CurrencyIsoCode", "CNY")
                        .containsEntry("UnitPrice", new BigDecimal("600.0000"))
                        .doesNotContainEntry("Pricebook2Id", standard);
                assertThat(entry(objects, "EUR-DEALER|" + RENAULT)).containsEntry("IsActive", true);

                // the refused GBP price is dead-lettered by name; the product, its other prices and stock landed
                // (the letter is stored once the batch's writes are done, just after the records above landed)
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(runtime.store().deadLetters()
                        .list("product-catalog", false)).singleElement().satisfies(d -> {
                            assertThat(d.sourceId()).isEqualTo("product:" + RENAULT);
                            assertThat(d.reason()).contains("ERP_Price_Key__c=GBP-DEALER|" + RENAULT)
                                    .contains("STANDARD_PRICE_NOT_DEFINED");
                        }));
                assertThat(objects.records("ERP_Stock_Level__c")).anyMatch(s ->
                        String.valueOf(s.get("ERP_Stock_Key__c")).startsWith(RENAULT + "|"));

                // prices change after their entries exist: the changes reach the CRM, no entry is added
                erp.execute("UPDATE erp_price_list_item SET unit_price = 123.4500, updated_at = CURRENT_TIMESTAMP"
                        + " WHERE price_list_code = 'EUR-DEALER' AND product_code = '" + CHOPPER + "'");
                erp.execute("UPDATE erp_price_list_item SET unit_price = 99.9900, updated_at = CURRENT_TIMESTAMP"
                        + " WHERE price_list_code = 'USD-MSRP' AND product_code = '" + CHOPPER + "'");
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        new BigDecimal("123.45").compareTo((BigDecimal) entry(objects, "EUR-DEALER|" + CHOPPER)
                                .get("UnitPrice")) == 0
                        && new BigDecimal("99.99").compareTo((BigDecimal) entry(objects, "USD-MSRP|" + CHOPPER)
                                .get("UnitPrice")) == 0);
                assertThat(objects.records("PricebookEntry")).hasSize((int) prices - 1);
                assertThat(runtime.store().deadLetters().list("product-catalog", false))
                        .noneMatch(d -> d.sourceId().equals("product:" + CHOPPER));
            }
        }
    }

    @Test
    void aCurrencyWithoutAStandardListTakesTheProductsListPriceAndItsCustomPricesGoThrough() throws Exception {
        DemoObjectStore objects = new DemoObjectStore(Clock.systemUTC());
        String standard = objects.standardPricebookId();
        objects.seedUpdate("Pricebook2", standard, Map.of("ERP_Price_List_Code__c", "USD-MSRP"));
        objects.seed("Pricebook2", Map.of("Name", "EUR-DEALER", "ERP_Price_List_Code__c", "EUR-DEALER", "IsActive", true));
        Path mappings = TestFiles.copyTree(Path.of("mappings"), tmp.resolve("mappings"));
        // EUR has no ERP price list of standard prices: the product's own list price is its EUR standard price
        Files.writeString(mappings.resolve("product-catalog/standard-prices.csv"), String.join("\n",
                "key,erp_price_list", "standard-price-book,USD-MSRP", "USD,USD-MSRP", "EUR,product.listPrice", ""));

        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp, true);
             DemoSalesforceServer crm = new DemoSalesforceServer(DemoAccountStore.empty(Clock.systemUTC()), objects,
                     "it-client", "it-secret")) {
            priceList(erp, "EUR-DEALER", "EUR", Map.of(CHOPPER, "74.5000", RENAULT, "170.0000"));
            // a product the ERP has no list price for: refused whole, not priced at 0
            String unpriced = erp.column("SELECT MAX(product_code) FROM erp_product").get(0);
            erp.execute("UPDATE erp_product SET list_price = NULL WHERE product_code = '" + unpriced + "'");
            long products = erp.scalar("SELECT COUNT(*) FROM erp_product");
            long usd = erp.scalar("SELECT COUNT(*) FROM erp_price_list_item WHERE price_list_code = 'USD-MSRP'");
            crm.start(0);
            BridgeHarness h = productCatalogOnly(crm, erp, mappings);

            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false).start()) {
                // every priced product: its USD and EUR standard prices; the two EUR custom prices
                await().atMost(Duration.ofMinutes(2)).until(() -> objects.records("Product2").size() == products - 1
                        && objects.records("PricebookEntry").size() == (usd - 1) + (products - 1) + 2);

                assertThat(entry(objects, "product.listPrice:EUR|" + CHOPPER)).containsEntry("Pricebook2Id", standard)
                        .containsEntry("CurrencyIsoCode", "EUR").containsEntry("UseStandardPrice", false)
                        .containsEntry("IsActive", true)
                        .containsEntry("UnitPrice", new BigDecimal("95.7000")); // Classic Models' MSRP of the Chopper
                assertThat(entry(objects, "EUR-DEALER|" + CHOPPER)).containsEntry("CurrencyIsoCode", "EUR")
                        .containsEntry("UnitPrice", new BigDecimal("74.5000"))
                        .doesNotContainEntry("Pricebook2Id", standard);
                assertThat(entry(objects, "EUR-DEALER|" + RENAULT)).containsEntry("IsActive", true);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(runtime.store().deadLetters()
                        .list("product-catalog", false)).singleElement().satisfies(d -> {
                            assertThat(d.sourceId()).isEqualTo("product:" + unpriced);
                            assertThat(d.reasonCode()).isEqualTo("REQUIRED");
                            assertThat(d.reason()).contains("product " + unpriced + " has no listPrice")
                                    .contains("EUR standard price");
                        }));
                assertThat(objects.records("PricebookEntry")).noneMatch(e ->
                        String.valueOf(e.get("ERP_Price_Key__c")).endsWith("|" + unpriced));

                // a list price changed after its entry exists reaches the CRM; one set in the ERP lets its product in
                erp.execute("UPDATE erp_product SET list_price = 101.2500, updated_at = CURRENT_TIMESTAMP"
                        + " WHERE product_code = '" + CHOPPER + "'");
                erp.execute("UPDATE erp_product SET list_price = 42.0000, updated_at = CURRENT_TIMESTAMP"
                        + " WHERE product_code = '" + unpriced + "'");
                await().atMost(Duration.ofSeconds(60)).until(() -> new BigDecimal("101.25").compareTo((BigDecimal)
                        entry(objects, "product.listPrice:EUR|" + CHOPPER).get("UnitPrice")) == 0
                        && objects.records("PricebookEntry").stream().anyMatch(e ->
                                ("product.listPrice:EUR|" + unpriced).equals(e.get("ERP_Price_Key__c")))
                        && runtime.store().deadLetters().list("product-catalog", false).isEmpty());
                assertThat(objects.records("Product2")).hasSize((int) products);
                assertThat(objects.records("PricebookEntry")).hasSize((int) (usd + products + 2));
            }
        }
    }

    @Test
    void aMappingThatWritesAFieldTheOrgLacksIsDeadLetteredNamingItBeforeAnythingIsSent() throws Exception {
        DemoObjectStore objects = new DemoObjectStore(Clock.systemUTC());
        objects.seedUpdate("Pricebook2", objects.standardPricebookId(), Map.of("ERP_Price_List_Code__c", "USD-MSRP"));
        Path mappings = TestFiles.copyTree(Path.of("mappings"), tmp.resolve("mappings"));
        Path mapping = mappings.resolve("product-catalog/product-to-salesforce.jsonata");
        Files.writeString(mapping, Files.readString(mapping).replace("\"Warehouse_Code__c\": warehouseCode,",
                "\"Warehouse_Code__c\": warehouseCode, \"Bin_Location__c\": warehouseCode,"));
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp, true);
             DemoSalesforceServer crm = new DemoSalesforceServer(DemoAccountStore.empty(Clock.systemUTC()), objects,
                     "it-client", "it-secret")) {
            long stocked = erp.scalar("SELECT COUNT(DISTINCT product_code) FROM erp_stock_level");
            long products = erp.scalar("SELECT COUNT(*) FROM erp_product");
            crm.start(0);
            BridgeHarness h = productCatalogOnly(crm, erp, mappings);
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false).start()) {
                // the products without stock write no stock record: they land; the stocked ones are held back whole
                await().atMost(Duration.ofMinutes(2)).until(() ->
                        runtime.store().deadLetters().list("product-catalog", false).size() == stocked
                        && objects.records("Product2").size() == products - stocked);
                assertThat(runtime.store().deadLetters().list("product-catalog", false)).allSatisfy(d -> {
                    assertThat(d.reasonCode()).isEqualTo("CRM_FIELD_MISMATCH");
                    assertThat(d.reason()).contains("product-catalog/product-to-salesforce.jsonata:"
                            + " ERP_Stock_Level__c.Bin_Location__c: no such field in the org");
                });
                assertThat(stocked).isPositive();
                assertThat(objects.records("ERP_Stock_Level__c")).isEmpty();
            }
        }
    }

    private static void priceList(TestErp erp, String code, String currency, Map<String, String> items) throws Exception {
        erp.execute("INSERT INTO erp_price_list (price_list_code, name, currency, valid_from, status) VALUES ('" + code
                + "', '" + code + "', '" + currency + "', DATE '2026-01-01', 'ACTIVE')");
        for (Map.Entry<String, String> i : items.entrySet()) {
            erp.execute("INSERT INTO erp_price_list_item (price_list_code, product_code, unit_price) VALUES ('" + code
                    + "', '" + i.getKey() + "', " + i.getValue() + ")");
        }
    }

    private static Map<String, Object> entry(DemoObjectStore objects, String key) {
        Optional<Map<String, Object>> e = objects.records("PricebookEntry").stream()
                .filter(r -> key.equals(r.get("ERP_Price_Key__c"))).findFirst();
        return e.orElseThrow(() -> new AssertionError("no PricebookEntry " + key));
    }

    /** The runtime's settings with only product-catalog switched on, reading the test's copy of the mappings. */
    private BridgeHarness productCatalogOnly(DemoSalesforceServer crm, TestErp erp, Path mappings) throws Exception {
        BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp);
        h.overrides.put("bridge.mappings-dir", mappings.toString());
        h.overrides.put("bridge.flows.customer-master.enabled", "false");
        h.enable("product-catalog");
        return h;
    }
}
