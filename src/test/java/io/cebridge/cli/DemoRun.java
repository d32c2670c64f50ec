package io.cebridge.cli;

import io.cebridge.it.SharedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine;

/**
 * `demo ARGS --config DIR` through the command class, as BridgeCli runs it, its data dir under {@code dir} and its
 * topics on the tests' shared broker; what it printed and left behind kept for the test to look at.
 */
final class DemoRun {
    final DemoCommand command = new DemoCommand();
    final int exit;
    final String out;

    private DemoRun(Path dir, String... args) throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("application.properties"), String.join("\n",
                "bridge.data-dir=" + dir.resolve("data").toString().replace('\\', '/'),
                "bridge.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "bridge.kafka.topic-prefix=demo-" + UUID.randomUUID().toString().substring(0, 8) + ".",
                "bridge.http.port=0", ""));
        List<String> full = new ArrayList<>(List.of(args));
        full.add("--config");
        full.add(config.toString());
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(command).execute(full.toArray(String[]::new));
        } finally {
            System.setOut(old);
        }
        out = buf.toString(StandardCharsets.UTF_8);
        System.out.println(out); // for the test report
    }

    static DemoRun of(Path dir, String... args) throws Exception {
        return new DemoRun(dir, args);
    }

    /** The number after {@code field=} on the flow's summary line ("product-catalog: read=10 delivered=5 ..."). */
    long count(String flow, String field) {
        for (String line : out.split("\n")) {
            if (line.startsWith(flow + ": read=")) {
                for (String part : line.split(" ")) {
                    if (part.startsWith(field + "=")) {
                        return Long.parseLong(part.substring(field.length() + 1).strip());
                    }
                }
                return 0;
            }
        }
        throw new AssertionError("no summary line of " + flow + " in:\n" + out);
    }
}
