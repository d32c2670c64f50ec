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
}
