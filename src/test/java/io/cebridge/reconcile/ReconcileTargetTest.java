package io.cebridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ReconcileTargetTest {
    private static BridgeConfig config(Map<String, String> extra) {
        Map<String, String> o = new java.util.HashMap<>(extra);
        o.put("bridge.routes-dir", Path.of("routes").toAbsolutePath().toString());
        return BridgeConfig.load(null, Map.of(), new Properties(), o);
    }

    @Test
    void coversTheFlowsOfOneErpRowPerCrmRecord() {
        assertThat(ReconcileTarget.covered(config(Map.of()))).containsExactlyInAnyOrder("customer-master", "contacts",
                "expenses");
    }

    @Test
    void readsTheFlowsOwnFilesWithItsConfiguredValues() {
        ReconcileTarget t = ReconcileTarget.of(config(Map.of("bridge.flows.customer-master.phone-default-region", "HK")),
                "customer-master");
        assertThat(t.object()).isEqualTo("Account");
        assertThat(t.fields()).contains("Id", "Phone", "SystemModstamp");
        assertThat(t.erp().table()).isEqualTo("erp_customer");
        assertThat(t.erp().key()).isEqualTo("crm_account_id");
        assertThat(t.cleanse()).containsEntry("rules", "customer").containsEntry("phoneRegion", "HK")
                .containsEntry("usccRequired", "false");
        assertThat(t.link()).isNull();

        ReconcileTarget contacts = ReconcileTarget.of(config(Map.of()), "contacts");
        assertThat(contacts.link()).isEqualTo(new ReconcileTarget.Link("customer", "accountId", "customerNo",
                "erp_customer", "customer_no", java.util.List.of("country_code")));
        assertThat(contacts.deliveryCleanse()).containsEntry("regionField", "parent.country_code");
        assertThat(ReconcileTarget.of(config(Map.of()), "expenses").where()).isEqualTo("Status__c = 'Approved'");
    }

    @Test
    void refusesFlowsItDoesNotCompareNamingTheOnesItDoes() {
        assertThatThrownBy(() -> ReconcileTarget.of(config(Map.of()), "quote-to-order"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("document")
                .hasMessageContaining("customer-master");
        assertThatThrownBy(() -> ReconcileTarget.of(config(Map.of()), "product-catalog"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a CRM -> ERP flow");
        assertThatThrownBy(() -> ReconcileTarget.of(config(Map.of()), "no-such-flow"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no flow 'no-such-flow'");
    }
}
