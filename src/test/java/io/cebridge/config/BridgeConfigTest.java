package io.cebridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsApplyWithoutAFile() {
        BridgeConfig c = BridgeConfig.load(dir, Map.of(), new Properties(), Map.of());
        assertThat(c.get(BridgeKeys.SF_API_VERSION)).isEqualTo("60.0");
        assertThat(c.flowValue("customer-master", "poll-interval", Duration.class)).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.flowValue("customer-master", "enabled", Boolean.class)).isTrue();
    }

    @Test
    void fileThenEnvironmentThenSystemPropertyWin() throws Exception {
        Files.writeString(dir.resolve("application.properties"),
                "bridge.erp.jdbc-url=jdbc:h2:mem:file\nbridge.flows.customer-master.poll-interval=10s\n");
        Properties sys = new Properties();
        sys.setProperty("bridge.flows.customer-master.poll-interval", "2m");
        BridgeConfig c = BridgeConfig.load(dir, Map.of("BRIDGE_ERP_JDBC_URL", "jdbc:h2:mem:env"), sys, Map.of());
        assertThat(c.get(BridgeKeys.ERP_URL)).isEqualTo("jdbc:h2:mem:env");
        assertThat(c.flowValue("customer-master", "poll-interval", Duration.class)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void unknownAndBadKeysFailTogetherNamingKeyAndReason() throws Exception {
        Files.writeString(dir.resolve("application.properties"),
                "bridge.erp.jdbc-ulr=x\nbridge.flows.customer-master.poll-interval=soon\nbridge.crm.salesforce.api-version=60\n");
        assertThatThrownBy(() -> BridgeConfig.load(dir, Map.of(), new Properties(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bridge.erp.jdbc-ulr: unknown key")
                .hasMessageContaining("bridge.flows.customer-master.poll-interval: expected a duration")
                .hasMessageContaining("bridge.crm.salesforce.api-version: expected a version such as 60.0");
    }

    @Test
    void retentionsAreDurationsInDaysAndNeverZero() {
        BridgeConfig defaults = BridgeConfig.load(dir, Map.of(), new Properties(), Map.of());
        assertThat(defaults.get(BridgeKeys.KAFKA_RETENTION)).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.get(BridgeKeys.STORE_RETENTION)).isEqualTo(Duration.ofDays(90));
        BridgeConfig set = BridgeConfig.load(dir, Map.of("BRIDGE_STORE_RETENTION", "P30D"), new Properties(),
                Map.of("bridge.kafka.retention", "36h"));
        assertThat(set.get(BridgeKeys.STORE_RETENTION)).isEqualTo(Duration.ofDays(30));
        assertThat(set.get(BridgeKeys.KAFKA_RETENTION)).isEqualTo(Duration.ofHours(36));
        assertThatThrownBy(() -> BridgeConfig.load(dir, Map.of(), new Properties(), Map.of("bridge.store.retention", "0d")))
                .hasMessageContaining("bridge.store.retention: expected a duration longer than zero, got '0d'");
    }

    @Test
    void secretsNeverAppearInPlaceholdersOrDescriptions() {
        BridgeConfig c = BridgeConfig.load(dir, Map.of("BRIDGE_CRM_SALESFORCE_CLIENT_SECRET", "s3cr3t-value"),
                new Properties(), Map.of());
        assertThat(c.secret(BridgeKeys.SF_CLIENT_SECRET).reveal()).isEqualTo("s3cr3t-value");
        assertThat(c.secret(BridgeKeys.SF_CLIENT_SECRET).toString()).doesNotContain("s3cr3t");
        assertThat(c.placeholderProperties().toString()).doesNotContain("s3cr3t");
        assertThat(c.describe(BridgeKeys.SF_CLIENT_SECRET)).doesNotContain("s3cr3t");
    }

    @Test
    void pollLeaseMustOutlastThePollIntervalWhenSetAndFollowsItWhenNot() {
        Properties sys = new Properties();
        sys.setProperty("bridge.flows.customer-master.poll-interval", "5m");
        assertThat(BridgeConfig.load(dir, Map.of(), sys, Map.of()).pollLease()).isEqualTo(Duration.ofMinutes(15));
        sys.setProperty("bridge.poll-lease", "1m");
        assertThatThrownBy(() -> BridgeConfig.load(dir, Map.of(), sys, Map.of()))
                .hasMessageContaining("bridge.poll-lease: PT1M must be longer than bridge.flows.customer-master.poll-interval");
    }
}
