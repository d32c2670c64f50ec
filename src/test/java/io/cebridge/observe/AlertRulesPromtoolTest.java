package io.cebridge.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Prometheus's own tools accept the alert rules and their unit tests (docker/prometheus/alerts-test.yaml: which
 * series make which alert fire, with its labels and text). Needs promtool (Debian package prometheus); skipped without.
 */
class AlertRulesPromtoolTest {
    @Test
    void promtoolAcceptsTheRulesAndTheirTestsPass() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        assumeTrue(Files.isExecutable(promtool), "promtool is not installed (apt-get install prometheus)");
        assertThat(run(List.of(promtool.toString(), "check", "rules", "alerts.yaml"))).contains("SUCCESS");
        assertThat(run(List.of(promtool.toString(), "test", "rules", "alerts-test.yaml"))).contains("SUCCESS");
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(Path.of("docker/prometheus").toFile()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
