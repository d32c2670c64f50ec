package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.it.BridgeHarness;
import io.cebridge.it.FakeSalesforceWrites;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.DeadLetter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Guards: one poison ERP row (NaN or an infinity in a DOUBLE PRECISION or REAL column) stopping a whole ERP -> CRM flow instead of dead-lettering its document naming the column.
class ErpPoisonRowsIT {
    @TempDir
    Path tmp;

    @Test
    void nanAndInfinityInFloatingPointColumnsDeadLetterTheirDocumentNamingTheColumn() throws Exception {
        try (TestErp erp = TestErp.create(TestErp.Kind.POSTGRESQL, tmp, true); FakeSalesforceWrites crm = new FakeSalesforceWrites()) {
            List<String> products = erp.column("SELECT product_code FROM erp_product ORDER BY product_code");
            String pricedProduct = erp.column("SELECT MAX(product_code) FROM erp_price_list_item").get(0);
            // an ERP that keeps costs and prices in binary floating point, as Northwind keeps money in REAL
            erp.execute("ALTER TABLE erp_product ALTER COLUMN standard_cost TYPE DOUBLE PRECISION");
            erp.execute("ALTER TABLE erp_price_list_item ALTER COLUMN unit_price TYPE REAL");
            erp.execute("UPDATE erp_product SET standard_cost = 'NaN' WHERE product_code = '" + products.get(0) + "'");
            erp.execute("UPDATE erp_product SET standard_cost = 'Infinity' WHERE product_code = '" + products.get(1) + "'");
            erp.execute("UPDATE erp_price_list_item SET unit_price = '-Infinity' WHERE product_code = '" + pricedProduct + "'");
            Map<String, String> poisoned = Map.of(
                    "product:" + products.get(0), "standard_cost holds NaN",
                    "product:" + products.get(1), "standard_cost holds Infinity",
                    "product:" + pricedProduct, "prices: unit_price holds -Infinity");
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.baseUrl(), "s3cret", erp);
            h.overrides.put("bridge.flows.customer-master.enabled", "false");
            h.enable("product-catalog");
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false).start()) {
                await().atMost(Duration.ofMinutes(2)).until(() -> crm.of("Product2").size() == products.size() - 3
                        && letters(runtime).keySet().containsAll(poisoned.keySet()));
                Map<String, DeadLetter> letters = letters(runtime);
                assertThat(letters).containsOnlyKeys(poisoned.keySet());
                poisoned.forEach((id, reason) -> {
                    assertThat(letters.get(id).reasonCode()).isEqualTo("SOURCE_DATA_PROBLEM");
                    assertThat(letters.get(id).reason()).contains(reason).contains("set it to NULL or a number");
                });
                assertThat(crm.of("Product2")).doesNotContainKeys(products.get(0), products.get(1), pricedProduct);
            }
        }
    }

    private static Map<String, DeadLetter> letters(BridgeRuntime runtime) throws Exception {
        return runtime.store().deadLetters().list("product-catalog", false).stream()
                .collect(Collectors.toMap(DeadLetter::sourceId, d -> d));
    }
}
