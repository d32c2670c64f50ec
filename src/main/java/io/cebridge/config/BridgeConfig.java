package io.cebridge.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The resolved, validated configuration: defaults, then {@code DIR/application.properties}, then environment
 * variables (BRIDGE_ERP_JDBC_URL; for a secret also BRIDGE_ERP_PASSWORD_FILE naming a file that holds it), then
 * system properties (-Dbridge.erp.jdbc-url=...).
 */
public final class BridgeConfig {
    private final Map<String, String> raw;
    private final Map<String, String> sourceOf;
    private final Map<String, Object> parsed = new HashMap<>();
    private final Path configDir;
    private final FlowCatalog catalog;
    private final List<ConfigKey<?>> keys;

    private BridgeConfig(Map<String, String> raw, Map<String, String> sourceOf, Path configDir, FlowCatalog catalog) {
        this.raw = raw;
        this.sourceOf = sourceOf;
        this.configDir = configDir;
        this.catalog = catalog;
        this.keys = java.util.stream.Stream.concat(BridgeKeys.ALL.stream(), catalog.keys().stream()).toList();
    }

    /** Loads and validates; throws {@link ConfigException} listing every bad or unknown key. */
    public static BridgeConfig load(Path configDir, Map<String, String> env, Properties sysProps,
                                    Map<String, String> overrides) {
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, String> source = new HashMap<>();
        for (ConfigKey<?> k : BridgeKeys.ALL) {
            raw.put(k.name(), k.defaultValue());
            source.put(k.name(), "default");
        }
        Path file = configDir == null ? null : configDir.resolve("application.properties");
        if (file != null && Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ConfigException(List.of(file + ": cannot be read: " + e.getMessage()));
            }
            for (String name : p.stringPropertyNames()) {
                raw.put(name, p.getProperty(name).trim());
                source.put(name, file.toString());
            }
            SecretSources.warnIfInFile(BridgeKeys.ALL, p, file);
        }
        for (ConfigKey<?> k : BridgeKeys.ALL) {
            String v = env.get(k.envName());
            if (v != null) {
                raw.put(k.name(), v);
                source.put(k.name(), "environment variable " + k.envName());
            }
        }
        SecretSources.readFiles(BridgeKeys.ALL, env, raw, source);
        for (String name : sysProps.stringPropertyNames()) {
            if (name.startsWith("bridge.") || name.startsWith("camel.")) {
                raw.put(name, sysProps.getProperty(name));
                source.put(name, "system property -D" + name);
            }
        }
        overrides.forEach((k, v) -> {
            raw.put(k, v);
            source.put(k, "command line");
        });
        // the flows, and so their keys, are whatever the route files declare
        FlowCatalog catalog = FlowCatalog.load(raw.get(BridgeKeys.ROUTES_DIR.name()));
        for (ConfigKey<?> k : catalog.keys()) {
            String v = env.get(k.envName());
            if (v != null && "default".equals(source.getOrDefault(k.name(), "default"))) {
                raw.put(k.name(), v);
                source.put(k.name(), "environment variable " + k.envName());
            } else if (!raw.containsKey(k.name())) {
                raw.put(k.name(), k.defaultValue());
                source.put(k.name(), "default");
            }
        }
        BridgeConfig cfg = new BridgeConfig(raw, source, configDir, catalog);
        cfg.validate();
        return cfg;
    }

    public static BridgeConfig load(Path configDir) {
        return load(configDir, System.getenv(), System.getProperties(), Map.of());
    }

    private void validate() {
        List<String> problems = new ArrayList<>();
        Map<String, ConfigKey<?>> known = new HashMap<>();
        keys.forEach(k -> known.put(k.name(), k));
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith("bridge.")) {
                continue;
            }
            ConfigKey<?> key = known.get(name);
            if (key == null) {
                problems.add(name + ": unknown key (from " + sourceOf.get(name) + "); see README 'Configuration'");
                continue;
            }
            String vault = SecretSources.unresolvedVaultFunction(key, e.getValue());
            if (vault != null) {
                problems.add(vault);
                continue;
            }
            String value = SecretSources.resolveCamelFunction(key, e.getValue(), problems);
            if (value == null) {
                continue;
            }
            try {
                parsed.put(name, key.parser().apply(value));
            } catch (IllegalArgumentException ex) {
                String shown = key.secret() ? "" : " (from " + sourceOf.get(name) + ")";
                problems.add(name + ": " + (key.secret() ? "invalid value" : ex.getMessage()) + shown);
            }
        }
        if (problems.isEmpty() && !isDefault(BridgeKeys.POLL_LEASE)) {
            for (String flow : enabledFlows()) {
                java.time.Duration poll = flowValue(flow, "poll-interval", java.time.Duration.class);
                if (poll != null && get(BridgeKeys.POLL_LEASE).compareTo(poll) <= 0) {
                    problems.add(BridgeKeys.POLL_LEASE.name() + ": " + get(BridgeKeys.POLL_LEASE) + " must be longer than "
                            + "bridge.flows." + flow + ".poll-interval (" + poll + "), or the poller would lose it between polls");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        return (T) parsed.get(key.name());
    }

    /** True when nobody set the key: the documented default applies. */
    public boolean isDefault(ConfigKey<?> key) {
        return "default".equals(sourceOf.get(key.name()));
    }

    /** The poll lease: as configured, or by default at least three of the longest poll interval so slow polls keep it. */
    public java.time.Duration pollLease() {
        java.time.Duration longest = java.time.Duration.ZERO;
        for (String flow : enabledFlows()) {
            java.time.Duration poll = flowValue(flow, "poll-interval", java.time.Duration.class);
            if (poll != null && poll.compareTo(longest) > 0) {
                longest = poll;
            }
        }
        return pollLease(longest);
    }

    /** The flows the route files declare. */
    public FlowCatalog catalog() {
        return catalog;
    }

    /** Names of the flows switched on (bridge.flows.NAME.enabled), in route-file order. */
    public List<String> enabledFlows() {
        return catalog.flows().stream().map(FlowCatalog.Flow::name)
                .filter(f -> Boolean.TRUE.equals(flowValue(f, "enabled", Boolean.class))).toList();
    }

    /** The typed value of bridge.flows.FLOW.KEY, or null when that flow has no such key. */
    public <T> T flowValue(String flow, String key, Class<T> type) {
        Object v = parsed.get("bridge.flows." + flow + "." + key);
        return v == null ? null : type.cast(v);
    }

    /** The poll lease of a flow polling every {@code interval}. */
    public java.time.Duration pollLease(java.time.Duration interval) {
        java.time.Duration lease = get(BridgeKeys.POLL_LEASE);
        java.time.Duration threePolls = interval.multipliedBy(3);
        return isDefault(BridgeKeys.POLL_LEASE) && lease.compareTo(threePolls) < 0 ? threePolls : lease;
    }

    public Secret secret(ConfigKey<String> key) {
        return new Secret(get(key));
    }

    public Path configDir() {
        return configDir;
    }

    public Path dataDir() {
        return Path.of(get(BridgeKeys.DATA_DIR)).toAbsolutePath().normalize();
    }

    /** Non-secret values, for Camel property placeholders ({{bridge.flows.customer-master.poll-interval}}). */
    public Properties placeholderProperties() {
        Properties p = new Properties();
        Map<String, ConfigKey<?>> known = new HashMap<>();
        keys.forEach(k -> known.put(k.name(), k));
        raw.forEach((k, v) -> {
            ConfigKey<?> key = known.get(k);
            if (key == null || !key.secret()) {
                p.setProperty(k, v);
            }
        });
        return p;
    }

    /** Keys of other namespaces (camel.*) passed through to Camel Main. */
    public Map<String, String> camelProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (k.startsWith("camel.")) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** Every key: the fixed ones and those of the flows the route files declare. */
    public List<ConfigKey<?>> keys() {
        return keys;
    }

    public String describe(ConfigKey<?> key) {
        return key.name() + "=" + (key.secret() ? "****" : raw.get(key.name())) + " (" + sourceOf.get(key.name()) + ")";
    }
}
