package io.cebridge.config;

/** A configured secret; its toString never shows the value so it cannot leak into logs or exception text. */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = value == null ? "" : value;
    }

    /** The value, for the one place that must send it (a token request, a JDBC login). */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "****";
    }
}
