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

/** Secrets from files named by BRIDGE_..._FILE (Docker / Kubernetes secrets), and warnings about secrets in the file. */
class SecretFilesTest {
    @TempDir
    Path dir;

    @Test
    void everySecretKeyCanComeFromAFileWithItsTrailingNewlineTrimmed() throws Exception {
        for (ConfigKey<?> key : BridgeKeys.ALL.stream().filter(ConfigKey::secret).toList()) {
            Path file = Files.writeString(dir.resolve(key.name()), "pa ss\u00e9 " + key.name() + "\n");
            @SuppressWarnings("unchecked")
            ConfigKey<String> secret = (ConfigKey<String>) key;
            BridgeConfig c = BridgeConfig.load(dir, Map.of(key.envName() + "_FILE", file.toString()), new Properties(),
                    Map.of());
            assertThat(c.secret(secret).reveal()).as(key.name()).isEqualTo("pa ss\u00e9 " + key.name());
            assertThat(c.describe(key)).contains(key.envName() + "_FILE").doesNotContain("pa ss");
        }
    }

    @Test
    void windowsLineEndIsTrimmedAndInnerNewlinesKept() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "line1\nline2\r\n");
        BridgeConfig c = BridgeConfig.load(dir, Map.of("BRIDGE_ERP_PASSWORD_FILE", file.toString()), new Properties(),
                Map.of());
        assertThat(c.secret(BridgeKeys.ERP_PASSWORD).reveal()).isEqualTo("line1\nline2");
    }

    @Test
    void anUnreadableFileIsAClearErrorNamingTheKey() {
        Path missing = dir.resolve("no-such-secret");
        assertThatThrownBy(() -> BridgeConfig.load(dir, Map.of("BRIDGE_STORE_PASSWORD_FILE", missing.toString()),
                new Properties(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bridge.store.password: cannot read the file " + missing)
                .hasMessageContaining("BRIDGE_STORE_PASSWORD_FILE")
                .hasMessageContaining("NoSuchFileException");
    }

    @Test
    void anEmptyFileOrBothVariablesAreRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> BridgeConfig.load(dir, Map.of("BRIDGE_HTTP_API_TOKEN_FILE", empty.toString()),
                new Properties(), Map.of()))
                .hasMessageContaining("bridge.http.api-token: the file " + empty + " named by BRIDGE_HTTP_API_TOKEN_FILE is empty");
        Path file = Files.writeString(dir.resolve("pw"), "from-file");
        assertThatThrownBy(() -> BridgeConfig.load(dir, Map.of("BRIDGE_ERP_PASSWORD_FILE", file.toString(),
                "BRIDGE_ERP_PASSWORD", "from-env"), new Properties(), Map.of()))
                .hasMessageContaining("bridge.erp.password: both BRIDGE_ERP_PASSWORD and BRIDGE_ERP_PASSWORD_FILE are set")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("from-file").doesNotContain("from-env"));
    }

    @Test
    void aSecretInTheConfigFileIsWarnedAboutWithoutItsValue() throws Exception {
        Files.writeString(dir.resolve("application.properties"),
                "bridge.erp.password=hunter2-in-file\nbridge.erp.username=erp\n");
        try (LogCapture log = LogCapture.of(SecretSources.class)) {
            BridgeConfig c = BridgeConfig.load(dir, Map.of(), new Properties(), Map.of());
            assertThat(c.secret(BridgeKeys.ERP_PASSWORD).reveal()).isEqualTo("hunter2-in-file");
            assertThat(log.count("bridge.erp.password is set in " + dir.resolve("application.properties"))).isEqualTo(1);
            assertThat(log.count("BRIDGE_ERP_PASSWORD_FILE")).isEqualTo(1);
            assertThat(log.count("hunter2")).isZero();
            assertThat(log.count("bridge.erp.username")).isZero();
        }
    }

    @Test
    void aCamelVaultFunctionInASecretIsRefusedRatherThanSentAsThePassword() {
        assertThatThrownBy(() -> BridgeConfig.load(dir, Map.of("BRIDGE_ERP_PASSWORD", "{{hashicorp:secret:erp#password}}"),
                new Properties(), Map.of()))
                .hasMessageContaining("bridge.erp.password: Camel vault property functions are not resolved")
                .hasMessageContaining("BRIDGE_ERP_PASSWORD_FILE");
    }
}
