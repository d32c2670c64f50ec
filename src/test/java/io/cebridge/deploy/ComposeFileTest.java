package io.cebridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * docker/compose.yaml as a second `up` and an operator need it, checked without a Docker engine: every variable it
 * uses is in docker/.env.example, the runtime service builds its image, publishes the HTTP port on 127.0.0.1 by
 * default and is healthy only when /observe/health/ready says so; the image has what the healthcheck runs.
 */
class ComposeFileTest {
    private static final Path COMPOSE = Path.of("docker/compose.yaml");
    /** ${NAME}, ${NAME:-default}, ${NAME:?message}, ${NAME-default} ... as compose interpolates them. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableTheComposeFileUsesIsInEnvExample() throws Exception {
        String text = Files.readString(COMPOSE);
        Set<String> used = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            used.add(m.group(1));
        }
        // a secret's `environment:` names a variable of .env too
        Map<String, Map<String, Object>> secrets = (Map<String, Map<String, Object>>) compose().get("secrets");
        secrets.values().stream().map(s -> s.get("environment")).filter(v -> v != null).forEach(v -> used.add((String) v));

        Set<String> example = new LinkedHashSet<>();
        for (String line : Files.readAllLines(Path.of("docker/.env.example"))) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                assertThat(l).as(".env.example line").contains("=");
                example.add(l.substring(0, l.indexOf('=')).strip());
            }
        }
        assertThat(used).as("variables compose.yaml uses").contains("POSTGRES_PASSWORD", "API_TOKEN",
                "SALESFORCE_CLIENT_ID", "CE_BRIDGE_HTTP_PUBLISH");
        assertThat(example).as("docker/.env.example").containsAll(used);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRuntimeBuildsItsImagePublishesHttpOnLoopbackAndChecksReadiness() throws Exception {
        Map<String, Object> bridge = service("ce-bridge");
        Map<String, Object> build = (Map<String, Object>) bridge.get("build");
        assertThat(build).containsEntry("context", "..").containsEntry("dockerfile", "docker/Dockerfile");
        assertThat(Path.of((String) build.get("dockerfile"))).as("relative to the context: the repository").exists();

        List<String> ports = (List<String>) bridge.get("ports");
        assertThat(ports).containsExactly("${CE_BRIDGE_HTTP_PUBLISH:-127.0.0.1:8080}:8080");

        Map<String, Object> health = (Map<String, Object>) bridge.get("healthcheck");
        List<String> test = (List<String>) health.get("test");
        assertThat(test.get(0)).isEqualTo("CMD");
        assertThat(test).contains("curl", "http://127.0.0.1:8080/observe/health/ready");
        assertThat(test).as("curl fails on an HTTP error status").contains("-fsS");
        assertThat(health).containsKeys("interval", "start_period", "retries");
        String dockerfile = Files.readString(Path.of("docker/Dockerfile"));
        String runtimeStage = dockerfile.substring(dockerfile.lastIndexOf("FROM "));
        assertThat(runtimeStage).as("the runtime image installs what the healthcheck runs")
                .containsPattern("apt-get install -y --no-install-recommends curl");
        assertThat(runtimeStage).contains("ENV BRIDGE_HTTP_HOST=0.0.0.0");

        Map<String, Object> env = (Map<String, Object>) bridge.get("environment");
        assertThat(env).containsEntry("BRIDGE_HTTP_API_TOKEN_FILE", "/run/secrets/api_token");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theErpSetUpRunsOnEveryUpAndTheRuntimeWaitsForIt() throws Exception {
        Map<String, Object> setup = service("erp-setup");
        assertThat((List<String>) setup.get("command")).startsWith("reference-erp").contains("--seed");
        Map<String, Map<String, Object>> dependsOn = (Map<String, Map<String, Object>>) service("ce-bridge")
                .get("depends_on");
        assertThat(dependsOn.get("erp-setup")).containsEntry("condition", "service_completed_successfully");
    }

    @Test
    void theImageRunsTheLauncherWithItsOptionsFileAndArchivesWithThem() throws Exception {
        String dockerfile = Files.readString(Path.of("docker/Dockerfile"));
        String runtimeStage = dockerfile.substring(dockerfile.lastIndexOf("FROM "));
        // bin/ce-bridge reads bin/jvm.options beside itself; the archive is made with the options it is used with
        assertThat(runtimeStage).containsPattern("(?m)^COPY bin/ce-bridge bin/jvm.options \\./bin/$")
                .contains("java @/opt/ce-bridge/bin/jvm.options -XX:ArchiveClassesAtExit=")
                .contains("ENTRYPOINT [\"/opt/ce-bridge/bin/ce-bridge\"]");
    }

    @Test
    void theDockerIgnoreKeepsLocalStateAndSecretsOutOfTheBuildContext() throws Exception {
        List<String> ignored = Files.readAllLines(Path.of(".dockerignore")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignored).contains(".git", "target/", "**/target/", "data/", "**/*.log", "docker/.env",
                "bench/peer/target/", "config/application.properties");
        String dockerfile = Files.readString(Path.of("docker/Dockerfile"));
        Matcher copies = Pattern.compile("(?m)^COPY (?!--from)(\\S+)").matcher(dockerfile);
        while (copies.find()) {
            assertThat(ignored).as("what the Dockerfile copies is in the context").doesNotContain(copies.group(1),
                    copies.group(1) + "/");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws Exception {
        return ((Map<String, Map<String, Object>>) compose().get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws Exception {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(COMPOSE));
    }
}
