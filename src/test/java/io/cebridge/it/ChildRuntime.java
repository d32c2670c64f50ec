package io.cebridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The runtime as users run it, for fault tests that kill it: the built jar started as a child process with a
 * configuration directory of its own, against a demo CRM and an ERP of the test's.
 */
public final class ChildRuntime {
    private final Path tmp;
    private final Path jar;
    private final Path config;

    /** Writes {@code tmp/config/application.properties}: the shipped routes and mappings, data in {@code tmp/data}. */
    public ChildRuntime(Path tmp, String loginUrl, TestErp erp, Map<String, String> settings) throws Exception {
        this.tmp = tmp;
        this.jar = Path.of("target/ce-bridge.jar").toAbsolutePath();
        assertThat(jar).as("built by mvn package before the integration tests").exists();
        this.config = Files.createDirectories(tmp.resolve("config"));
        Properties p = new Properties();
        p.setProperty("bridge.data-dir", dataDir().toString());
        p.setProperty("bridge.routes-dir", Path.of("routes").toAbsolutePath().toString());
        p.setProperty("bridge.mappings-dir", Path.of("mappings").toAbsolutePath().toString());
        p.setProperty("bridge.crm.salesforce.login-url", loginUrl);
        p.setProperty("bridge.crm.salesforce.allow-insecure-http", "true");
        p.setProperty("bridge.crm.salesforce.client-id", "it-client");
        p.setProperty("bridge.crm.salesforce.client-secret", "it-secret");
        p.setProperty("bridge.erp.jdbc-url", erp.url);
        p.setProperty("bridge.erp.username", erp.user);
        p.setProperty("bridge.http.port", "0"); // the child runs `run`: its HTTP server must not need port 8080 free
        p.putAll(settings);
        try (var w = Files.newBufferedWriter(config.resolve("application.properties"))) {
            p.store(w, null);
        }
    }

    /** Where the child keeps its embedded state store and Kafka log. */
    public Path dataDir() {
        return tmp.resolve("data");
    }

    /** Starts run number {@code n}; its output goes to {@code tmp/run-n.log}. */
    public Process start(int n) throws Exception {
        return new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", jar.toString(), "run", "--config", config.toString()))
                .redirectErrorStream(true).redirectOutput(log(n).toFile()).start();
    }

    /** The output of run number {@code n}. */
    public Path log(int n) {
        return tmp.resolve("run-" + n + ".log");
    }

    /** The last {@code count} lines of run number {@code n}'s output, for a test that fails to say why it stalled. */
    public String tail(int n, int count) throws Exception {
        List<String> lines = Files.readAllLines(log(n));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /** SIGKILL: no shutdown hook, no graceful stop. */
    public static void kill(Process p) throws Exception {
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
