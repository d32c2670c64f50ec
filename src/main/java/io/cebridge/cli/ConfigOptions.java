package io.cebridge.cli;

import io.cebridge.config.BridgeConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The --config option shared by the commands that read configuration. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
            description = "Directory holding application.properties (default: ${DEFAULT-VALUE}).")
    Path dir;

    BridgeConfig load(Map<String, String> overrides) {
        return BridgeConfig.load(dir, System.getenv(), System.getProperties(), overrides);
    }

    /** The configuration, or null after printing every problem (the command then exits with {@link #BAD_CONFIG}). */
    BridgeConfig loadOrReport(Map<String, String> overrides) {
        try {
            return load(overrides);
        } catch (io.cebridge.config.ConfigException e) {
            System.err.println(e.getMessage());
            return null;
        }
    }

    static final int BAD_CONFIG = 2;
}
