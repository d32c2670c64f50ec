package io.cebridge.config;

import java.util.function.Function;

/**
 * One typed configuration option: its name, default, documentation and parser/validator in one place,
 * so bad configuration fails at start with the key and the reason.
 */
public record ConfigKey<T>(String name, String defaultValue, String doc, boolean secret, Function<String, T> parser) {

    public static ConfigKey<String> string(String name, String def, String doc) {
        return new ConfigKey<>(name, def, doc, false, v -> v);
    }

    public static ConfigKey<String> secret(String name, String doc) {
        return new ConfigKey<>(name, "", doc, true, v -> v);
    }

    public static ConfigKey<Boolean> bool(String name, boolean def, String doc) {
        return new ConfigKey<>(name, Boolean.toString(def), doc, false, ConfigParsers::bool);
    }

    public static ConfigKey<Integer> integer(String name, int def, int min, int max, String doc) {
        return new ConfigKey<>(name, Integer.toString(def), doc, false, v -> ConfigParsers.intInRange(v, min, max));
    }

    public static ConfigKey<java.time.Duration> duration(String name, String def, String doc) {
        return new ConfigKey<>(name, def, doc, false, ConfigParsers::duration);
    }

    public static <T> ConfigKey<T> of(String name, String def, String doc, Function<String, T> parser) {
        return new ConfigKey<>(name, def, doc, false, parser);
    }

    /** Environment variable form: bridge.erp.jdbc-url -> BRIDGE_ERP_JDBC_URL. */
    public String envName() {
        return name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
