package io.cebridge.config;

/**
 * The type of a flow's configuration key, read from its default as a person would: true/false is a switch, 30s a
 * duration, 500 a count (a batch size 1..5000), a key ending in -region an ISO country; anything else is text.
 */
final class FlowKeyTypes {
    private FlowKeyTypes() {
    }

    static ConfigKey<?> key(String name, String def, String doc) {
        String d = def.strip();
        if (d.equals("true") || d.equals("false")) {
            return ConfigKey.bool(name, Boolean.parseBoolean(d), doc);
        }
        if (d.matches("\\d+(ms|s|m|h|d)")) {
            return ConfigKey.duration(name, d, doc);
        }
        if (d.matches("\\d+")) {
            return name.endsWith("batch-size") ? ConfigKey.integer(name, Integer.parseInt(d), 1, 5000, doc)
                    : ConfigKey.integer(name, Integer.parseInt(d), 0, Integer.MAX_VALUE, doc);
        }
        if (name.endsWith("-region")) {
            return ConfigKey.of(name, d, doc, ConfigParsersExtra::region);
        }
        return ConfigKey.string(name, d, doc);
    }
}
