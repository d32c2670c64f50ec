package io.cebridge.config;

/**
 * The type of a flow's configuration key, read from its default as a person would: true/false is a switch, 30s a
 * duration, 500 a count (a batch size 1..5000, delivery consumers 1..32), a key ending in -region an ISO country; anything else is text.
 */
final class FlowKeyTypes {
    /** Most delivery consumers of one flow (bridge.flows.FLOW.delivery-consumers). */
    static final int MAX_CONSUMERS = 32;

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
            if (name.endsWith("batch-size")) {
                return ConfigKey.integer(name, Integer.parseInt(d), 1, 5000, doc);
            }
            if (name.endsWith("delivery-consumers")) {
                // a thread and a Kafka consumer each; more than the topic's partitions only adds idle ones
                return ConfigKey.integer(name, Integer.parseInt(d), 1, MAX_CONSUMERS, doc);
            }
            return ConfigKey.integer(name, Integer.parseInt(d), 0, Integer.MAX_VALUE, doc);
        }
        if (name.endsWith("-region")) {
            return ConfigKey.of(name, d, doc, ConfigParsersExtra::region);
        }
        return ConfigKey.string(name, d, doc);
    }
}
