package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Guards bin/ce-bridge starting the built jar with the options of bin/jvm.options, never with two collectors (the JVM
 * refuses to start), and with the user's JAVA_OPTS winning over its own.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("bin", "ce-bridge");

    @Test
    void startsWithTheOptionsOfTheFile() throws Exception {
        String flags = flags("", "--version");
        assertThat(flags).contains("-XX:+UseParallelGC", "-XX:FreqInlineSize=100", "-XX:InlineSmallCode=1000")
                .doesNotContain("TieredStopAtLevel");
    }

    @Test
    void aCollectorChosenByTheUserReplacesTheFilesOne() throws Exception {
        String flags = flags("-XX:+UseSerialGC", "--version");
        assertThat(flags).contains("-XX:+UseSerialGC", "-XX:FreqInlineSize=100").doesNotContain("UseParallelGC");
    }

    @Test
    void aRunThatEndsUsesTheQuickCompilerUnlessTheUserSaysOtherwise() throws Exception {
        assertThat(flags("", "run", "--once", "--help")).contains("-XX:TieredStopAtLevel=1");
        assertThat(flags("-XX:TieredStopAtLevel=4", "run", "--once", "--help")).doesNotContain("TieredStopAtLevel=1");
    }

    /** The flags the JVM started with (-XX:+PrintCommandLineFlags), checking the launcher's command ended well. */
    private static String flags(String javaOpts, String... args) throws IOException, InterruptedException {
        assertThat(Path.of("target", "ce-bridge.jar")).as("the jar mvn package builds").exists();
        List<String> cmd = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA_OPTS", (javaOpts + " -XX:+PrintCommandLineFlags").trim());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text.lines().filter(l -> l.startsWith("-XX:")).findFirst().orElseThrow(() -> new AssertionError(text));
    }

    @Test
    void theFileHoldsOnlyOptionsAndComments() throws IOException {
        // one option per line: the launcher drops the collector's line when the user chose another
        for (String line : Files.readAllLines(Path.of("bin", "jvm.options"))) {
            assertThat(line.isBlank() || line.startsWith("#") || line.matches("-\\S+")).as(line).isTrue();
        }
    }
}
