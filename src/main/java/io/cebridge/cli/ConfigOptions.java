package io.cebridge.cli;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** The --config option shared by the commands that read configuration. */
final class ConfigOptions {
    static final Path DEFAULT_DIR = Path.of("config");

    @Option(names = "--config", paramLabel = "DIR",
            description = "Directory holding application.properties (default: ./config; given, it must exist).")
    Path dir;

    /** The directory whose application.properties is read. */
    Path dir() {
        return dir == null ? DEFAULT_DIR : dir;
    }

    /** True when --config was given on the command line. */
    boolean explicit() {
        return dir != null;
    }

    BridgeConfig load(Map<String, String> overrides) {
        // a mistyped --config would otherwise run on defaults and environment alone, as if that were the setup
        if (explicit() && !Files.isDirectory(dir)) {
            throw new ConfigException(List.of("--config " + dir.toAbsolutePath() + ": no such directory"));
        }
        return BridgeConfig.load(dir(), System.getenv(), System.getProperties(), overrides);
    }

    /**
     * Only the given settings (defaults otherwise): no ./config, environment variable or -D; with --config, as
     * {@link #load}. For `demo`, which must never reach the systems a real configuration in this directory names.
     */
    BridgeConfig loadOwn(Map<String, String> own) {
        return explicit() ? load(own) : BridgeConfig.load(null, Map.of(), new Properties(), own);
    }

    /** The configuration, or null after printing every problem (the command then exits with {@link #BAD_CONFIG}). */
    BridgeConfig loadOrReport(Map<String, String> overrides) {
        try {
            return load(overrides);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return null;
        }
    }

    static final int BAD_CONFIG = 2;
}
