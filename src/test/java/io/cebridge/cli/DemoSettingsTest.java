package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `demo` must not reach the systems a real configuration around it names (it once filled an external store). */
class DemoSettingsTest {
    private static final String STORE = "jdbc:postgresql://store.example.com:5432/production_store";
    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        System.clearProperty(BridgeKeys.STORE_URL.name());
    }

    @Test
    void withoutConfigTheDemoIgnoresTheSettingsAroundIt() {
        System.setProperty(BridgeKeys.STORE_URL.name(), STORE);
        BridgeConfig cfg = demo().settings(Map.of("bridge.erp.jdbc-url", "jdbc:h2:mem:demo"));
        assertThat(cfg.get(BridgeKeys.STORE_URL)).as("embedded store").isEmpty();
        assertThat(cfg.get(BridgeKeys.KAFKA_BOOTSTRAP)).as("embedded Kafka").isEmpty();
        assertThat(cfg.get(BridgeKeys.ERP_URL)).isEqualTo("jdbc:h2:mem:demo");
    }

    @Test
    void withConfigTheDemoUsesThatConfiguration() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("config"));
        Files.writeString(dir.resolve("application.properties"), "bridge.store.jdbc-url=" + STORE + "\n");
        BridgeConfig cfg = demo("--config", dir.toString()).settings(Map.of());
        assertThat(cfg.get(BridgeKeys.STORE_URL)).isEqualTo(STORE);
    }

    private static DemoCommand demo(String... args) {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs(args);
        return demo;
    }
}
