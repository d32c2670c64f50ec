package io.cebridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.BridgeKeys;
import io.cebridge.config.ConfigKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * docker/k8s/ checked without a cluster: every manifest parses, the Deployment runs several replicas with readiness
 * on /observe/health/ready and liveness on /observe/health/live, and no secret is an inline value: each is a file of
 * the mounted Secret, named by its BRIDGE_..._FILE variable.
 */
@SuppressWarnings("unchecked")
class K8sManifestsTest {
    private static final Path DIR = Path.of("docker/k8s");
    private static final Set<String> SECRET_VARIABLES = BridgeKeys.ALL.stream().filter(ConfigKey::secret)
            .map(ConfigKey::envName).collect(Collectors.toSet());

    @Test
    void everyManifestParsesAndNamesItsKind() throws Exception {
        List<Map<String, Object>> all = manifests();
        assertThat(all).extracting(m -> m.get("kind")).contains("Deployment", "Service", "ConfigMap", "Secret",
                "Kustomization");
        for (Map<String, Object> m : all) {
            assertThat(m).containsKeys("apiVersion", "kind");
            if (!"Kustomization".equals(m.get("kind"))) {
                assertThat((Map<String, Object>) m.get("metadata")).containsKey("name");
            }
        }
        Map<String, Object> kustomization = one("Kustomization");
        List<String> resources = (List<String>) kustomization.get("resources");
        resources.forEach(r -> assertThat(DIR.resolve(r)).exists());
        assertThat(resources).as("the Secret template is created by hand, never applied with empty values")
                .doesNotContain("secret.yaml").contains("deployment.yaml", "service.yaml", "configmap.yaml");
    }

    @Test
    void theDeploymentRunsReplicasWithReadinessAndLivenessOnTheObserveHealthPaths() throws Exception {
        Map<String, Object> spec = (Map<String, Object>) one("Deployment").get("spec");
        assertThat((Integer) spec.get("replicas")).isGreaterThanOrEqualTo(2);
        Map<String, Object> container = container();
        Map<String, Object> ready = (Map<String, Object>) ((Map<String, Object>) container.get("readinessProbe")).get("httpGet");
        Map<String, Object> live = (Map<String, Object>) ((Map<String, Object>) container.get("livenessProbe")).get("httpGet");
        assertThat(ready).containsEntry("path", "/observe/health/ready").containsEntry("port", "http");
        assertThat(live).containsEntry("path", "/observe/health/live").containsEntry("port", "http");
        assertThat((List<Map<String, Object>>) container.get("ports"))
                .anySatisfy(p -> assertThat(p).containsEntry("name", "http").containsEntry("containerPort", 8080));
        Map<String, Object> resources = (Map<String, Object>) container.get("resources");
        assertThat(resources).containsKeys("requests", "limits");
        assertThat((Map<String, Object>) resources.get("limits")).containsKey("memory");
        assertThat((List<Map<String, Object>>) container.get("volumeMounts"))
                .anySatisfy(v -> assertThat(v).containsEntry("mountPath", "/opt/ce-bridge/data"));

        Map<String, Object> config = (Map<String, Object>) one("ConfigMap").get("data");
        assertThat(config).containsEntry("BRIDGE_HTTP_HOST", "0.0.0.0").containsEntry("BRIDGE_HTTP_PORT", "8080")
                .containsKeys("BRIDGE_KAFKA_BOOTSTRAP_SERVERS");
        assertThat((String) config.get("BRIDGE_STORE_JDBC_URL")).startsWith("jdbc:postgresql://");

        Map<String, Object> service = (Map<String, Object>) one("Service").get("spec");
        Map<String, Object> podLabels = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                spec.get("template")).get("metadata")).get("labels");
        assertThat(podLabels).containsAllEntriesOf((Map<String, Object>) service.get("selector"));
        assertThat((List<Map<String, Object>>) service.get("ports"))
                .anySatisfy(p -> assertThat(p).containsEntry("targetPort", "http"));
    }

    @Test
    void noSecretIsInlineEachIsAFileOfTheMountedSecret() throws Exception {
        Map<String, Object> container = container();
        Map<String, Object> template = (Map<String, Object>) one("Secret").get("stringData");
        assertThat(template.values()).as("the Secret is a template: no real value").allMatch(v -> "".equals(v));
        String secretName = (String) ((Map<String, Object>) one("Secret").get("metadata")).get("name");

        List<Map<String, Object>> volumes = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>)
                ((Map<String, Object>) one("Deployment").get("spec")).get("template")).get("spec")).get("volumes");
        String secretVolume = volumes.stream().filter(v -> v.containsKey("secret")
                && secretName.equals(((Map<String, Object>) v.get("secret")).get("secretName")))
                .map(v -> (String) v.get("name")).findFirst().orElseThrow();
        String mountPath = ((List<Map<String, Object>>) container.get("volumeMounts")).stream()
                .filter(m -> secretVolume.equals(m.get("name"))).map(m -> (String) m.get("mountPath")).findFirst()
                .orElseThrow();

        List<String> files = new ArrayList<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) container.get("env")) {
            String name = (String) e.get("name");
            assertThat(SECRET_VARIABLES).as(name + ": a secret as an environment value").doesNotContain(name);
            assertThat(e).as(name + ": no secretKeyRef into the environment").doesNotContainKey("valueFrom");
            if (name.endsWith("_FILE")) {
                assertThat(SECRET_VARIABLES).as(name).contains(name.substring(0, name.length() - 5));
                String value = (String) e.get("value");
                assertThat(value).as(name).startsWith(mountPath + "/");
                assertThat(template).as(name + ": the Secret has the file").containsKey(value.substring(mountPath.length() + 1));
                files.add(name);
            }
        }
        assertThat(files).contains("BRIDGE_STORE_PASSWORD_FILE", "BRIDGE_ERP_PASSWORD_FILE",
                "BRIDGE_CRM_SALESFORCE_CLIENT_SECRET_FILE", "BRIDGE_HTTP_API_TOKEN_FILE");
        Map<String, Object> config = (Map<String, Object>) one("ConfigMap").get("data");
        assertThat(config.keySet()).as("the ConfigMap holds no secret").doesNotContainAnyElementsOf(SECRET_VARIABLES);
        assertThat(config.keySet()).noneMatch(k -> k.endsWith("_FILE"));
    }

    private static Map<String, Object> container() throws Exception {
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                one("Deployment").get("spec")).get("template")).get("spec");
        List<Map<String, Object>> containers = (List<Map<String, Object>>) pod.get("containers");
        return containers.stream().filter(c -> "ce-bridge".equals(c.get("name"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> one(String kind) throws Exception {
        List<Map<String, Object>> found = manifests().stream().filter(m -> kind.equals(m.get("kind"))).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    private static List<Map<String, Object>> manifests() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(f))) {
                    if (doc != null) {
                        out.add((Map<String, Object>) doc);
                    }
                }
            }
        }
        return out;
    }
}
