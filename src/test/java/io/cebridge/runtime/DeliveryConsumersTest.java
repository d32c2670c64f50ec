package io.cebridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bridge.flows.FLOW.delivery-consumers: declared by both delivery templates, 1..32, and the pools grow with it. */
class DeliveryConsumersTest {
    @TempDir
    Path dir;

    @Test
    void everyDeliveryTemplateDeclaresItWithOneConsumerByDefault() {
        BridgeConfig c = BridgeConfig.load(dir, Map.of(), new Properties(), Map.of());
        assertThat(c.flowValue("customer-master", "delivery-consumers", Integer.class)).isEqualTo(1);
        assertThat(c.flowValue("contacts", "delivery-consumers", Integer.class)).isEqualTo(1);
        assertThat(c.flowValue("financial-summary", "delivery-consumers", Integer.class)).isEqualTo(1);
        assertThat(BridgeRuntime.extraDeliveryConsumers(c)).isZero();
    }

    @Test
    void theEnabledFlowsConsumersBeyondTheFirstGrowThePools() {
        BridgeConfig c = BridgeConfig.load(dir, Map.of(), new Properties(), Map.of(
                "bridge.flows.customer-master.delivery-consumers", "3",
                "bridge.flows.contacts.enabled", "true",
                "bridge.flows.contacts.delivery-consumers", "2",
                // not enabled: opens no consumer, so no connection either
                "bridge.flows.financial-summary.delivery-consumers", "3"));
        assertThat(BridgeRuntime.extraDeliveryConsumers(c)).isEqualTo(3);
    }

    @Test
    void noneOrMoreThanThirtyTwoIsRefusedNamingTheKey() {
        for (String bad : new String[] {"0", "33"}) {
            assertThatThrownBy(() -> BridgeConfig.load(dir, Map.of(), new Properties(),
                    Map.of("bridge.flows.customer-master.delivery-consumers", bad)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("bridge.flows.customer-master.delivery-consumers");
        }
    }
}
