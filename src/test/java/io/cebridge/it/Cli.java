package io.cebridge.it;

import io.cebridge.cli.BridgeCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** A command as an operator runs it: the settings written to a config directory, the exit code and what it printed. */
public final class Cli {
    public final int exit;
    public final String out;

    private Cli(int exit, String out) {
        this.exit = exit;
        this.out = out;
    }

    /** Runs {@code args} with {@code settings} in {@code configDir}/application.properties; standard output captured. */
    public static Cli run(Path configDir, Map<String, String> settings, String... args) throws Exception {
        Files.createDirectories(configDir);
        Properties p = new Properties();
        p.putAll(settings);
        try (var w = Files.newBufferedWriter(configDir.resolve("application.properties"))) {
            p.store(w, null);
        }
        String[] full = Stream.concat(Stream.of(args), Stream.of("--config", configDir.toString())).toArray(String[]::new);
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return new Cli(BridgeCli.execute(full), buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }
}
