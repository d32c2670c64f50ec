package io.cebridge.flow.productcatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.it.BridgeHarness;
import io.cebridge.it.FakeSalesforceWrites;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.DeadLetter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

// Guards: products, prices or stock lost, doubled, rounded or written before their Product2 on the way to the CRM; a
// discontinued product deleted or left active; a CRM rejection taking its batch down with it.
class ProductCatalogIT {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = TestErp.Kind.class, names = {"H2", "POSTGRESQL"})
    void catalogReachesTheCrmExactlyOnce(TestErp.Kind kind) throws Exception {
        try (TestErp erp = TestErp.create(kind, tmp, true); FakeSalesforceWrites crm = new FakeSalesforceWrites()) {
            Map<String, String> prices = pairs(erp, "SELECT price_list_code || '|' || product_code, unit_price"
                    + " FROM erp_price_list_item");
            Map<String, String> available = pairs(erp, "SELECT product_code || '|' || warehouse_code, on_hand - reserved"
                    + " FROM erp_stock_level");
            List<String> products = List.copyOf(pairs(erp, "SELECT product_code, name FROM erp_product").keySet());
            String rejected = products.get(products.size() - 1);
            crm.rejectWhen(r -> rejected.equals(r.path("ERP_Product_Code__c").asText(null)));
            prices.keySet().removeIf(k -> k.endsWith("|" + rejected));
            available.keySet().removeIf(k -> k.startsWith(rejected + "|"));
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.baseUrl(), "s3cret", erp);
            h.overrides.put("bridge.flows.customer-master.enabled", "false");
            h.overrides.put("bridge.flows.product-catalog.enabled", "true");
            h.overrides.put("bridge.flows.product-catalog.poll-interval", "1s");

            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false).start()) {
                long started = System.nanoTime();
                await().atMost(Duration.ofMinutes(2)).until(() -> crm.of("ERP_Stock_Level__c").size() == available.size()
                        && crm.of("PricebookEntry").size() == prices.size()
                        && crm.of("Product2").size() == products.size() - 1);
                long ms = (System.nanoTime() - started) / 1_000_000;
                int records = products.size() - 1 + prices.size() + available.size();
                System.out.printf("product-catalog initial load: %d products, %d CRM records in %d ms = %.0f records/s%n",
                        products.size(), records, ms, records * 1000.0 / ms);
                assertThat(crm.of("Product2").values()).allSatisfy(p -> {
                    assertThat(p.get("ProductCode").asText()).isEqualTo(p.get("ERP_Product_Code__c").asText());
                    assertThat(p.get("IsActive").asBoolean()).isTrue();
                    assertThat(p.get("Family").asText()).isNotBlank();
                });
                crm.of("PricebookEntry").forEach((k, e) -> {
                    assertThat(e.get("UnitPrice").toString()).isEqualTo(prices.get(k)); // exact, scale included
                    assertThat(e.get("CurrencyIsoCode").asText()).isEqualTo("USD");
                    assertThat(k).startsWith(e.path("Pricebook2").path("ERP_Price_List_Code__c").asText() + "|")
                            .endsWith("|" + e.path("Product2").path("ERP_Product_Code__c").asText());
                });
                crm.of("ERP_Stock_Level__c").forEach((k, s) ->
                        assertThat(s.get("Available__c").toString()).isEqualTo(available.get(k)));
                // the rejected product is dead-lettered with the CRM's words; its prices and stock were not sent
                List<DeadLetter> letters = runtime.store().deadLetters().list("product-catalog", false);
                assertThat(letters).singleElement().satisfies(d -> {
                    assertThat(d.sourceId()).isEqualTo("product:" + rejected);
                    assertThat(d.reasonCode()).isEqualTo("CRM_REJECTED");
                    assertThat(d.reason()).contains("FIELD_CUSTOM_VALIDATION_EXCEPTION")
                            .contains("Rejected by a validation rule of the test");
                });
                assertThat(crm.writes).noneMatch(w -> w.path("Product2").path("ERP_Product_Code__c").asText("")
                        .equals(rejected));

                // re-reads (look-back, next polls) send nothing again
                int writesBefore = crm.writes.size();
                long cycles = runtime.stats().of("product-catalog").pollCycles.get();
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        runtime.stats().of("product-catalog").pollCycles.get() >= cycles + 3);
                assertThat(crm.writes).hasSize(writesBefore);

                // a discontinued product is deactivated, with its price, not deleted
                String product = products.get(0);
                erp.execute("UPDATE erp_product SET status = 'DISCONTINUED', updated_at = CURRENT_TIMESTAMP"
                        + " WHERE product_code = '" + product + "'");
                long changed = System.nanoTime();
                // the product and its prices are separate calls (prices after a look-up): wait for the last of them
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(crm.of("Product2").get(product).get("IsActive").asBoolean()).isFalse();
                    assertThat(crm.of("PricebookEntry").values()).filteredOn(e ->
                            e.path("Product2").path("ERP_Product_Code__c").asText().equals(product))
                            .isNotEmpty().allSatisfy(e -> assertThat(e.get("IsActive").asBoolean()).isFalse());
                });
                System.out.printf("product-catalog change -> CRM: %d ms%n", (System.nanoTime() - changed) / 1_000_000);
                assertThat(crm.of("Product2")).hasSize(products.size() - 1);
            }
        }
    }

    private static Map<String, String> pairs(TestErp erp, String sql) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = erp.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql + " ORDER BY 1")) {
            while (rs.next()) {
                Object v = rs.getObject(2);
                out.put(rs.getString(1), v instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(v));
            }
        }
        return out;
    }
}
