package io.cebridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cebridge.it.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** camel-base's own property functions ({{env:..}}, {{sys:..}}) as secrets: resolved by Camel, the file holds a reference. */
class CamelSecretFunctionsTest {
    @TempDir
    Path dir;

    @Test
    void aSecretNamingAnEnvironmentVariableOrSystemPropertyIsResolvedAndNotWarnedAbout() throws Exception {
        String path = System.getenv("PATH");
        System.setProperty("ce-bridge.test.store-password", "from-sys-property");
        try {
            Files.writeString(dir.resolve("application.properties"), "bridge.erp.password={{env:PATH}}\n"
                    + "bridge.store.password={{sys:ce-bridge.test.store-password}}\n");
            try (LogCapture log = LogCapture.of(SecretSources.class)) {
                BridgeConfig c = BridgeConfig.load(dir, Map.of(), new Properties(), Map.of());
                assertThat(c.secret(BridgeKeys.ERP_PASSWORD).reveal()).isEqualTo(path);
                assertThat(c.secret(BridgeKeys.STORE_PASSWORD).reveal()).isEqualTo("from-sys-property");
                assertThat(log.count("is set in")).as("a reference is no secret in the file").isZero();
            }
        } finally {
            System.clearProperty("ce-bridge.test.store-password");
        }
    }

    @Test
    void aFunctionNamingNothingSetStopsTheStartNamingTheKeyAndTheVariable() {
        assertThatThrownBy(() -> BridgeConfig.load(dir, Map.of(), new Properties(),
                Map.of("bridge.erp.password", "{{env:CE_BRIDGE_NO_SUCH_VARIABLE_42}}")))
                .hasMessageContaining("bridge.erp.password: {{env:CE_BRIDGE_NO_SUCH_VARIABLE_42}} names the environment"
                        + " variable CE_BRIDGE_NO_SUCH_VARIABLE_42, which is not set");
        assertThat(BridgeConfig.load(dir, Map.of(), new Properties(),
                Map.of("bridge.erp.password", "{{env:CE_BRIDGE_NO_SUCH_VARIABLE_42:fallback}}"))
                .secret(BridgeKeys.ERP_PASSWORD).reveal()).as("Camel's default after the second colon").isEqualTo("fallback");
    }

    @Test
    void vaultFunctionsOfModulesNotShippedAreStillRefused() {
        for (String f : new String[] {"{{aws:erp-password}}", "{{hashicorp:secret:erp#password}}",
                "{{azure:erp-password}}", "{{gcp:erp-password}}", "{{secret:erp/password}}"}) {
            assertThatThrownBy(() -> BridgeConfig.load(dir, Map.of(), new Properties(), Map.of("bridge.erp.password", f)))
                    .as(f).hasMessageContaining("Camel vault property functions are not resolved by ce-bridge");
        }
    }
}
