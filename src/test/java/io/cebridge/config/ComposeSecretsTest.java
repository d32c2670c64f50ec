package io.cebridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * docker/compose.yaml hands every secret over as a Docker secret: a {@code ..._FILE} variable naming a file under
 * /run/secrets/ that the service mounts, never the secret as an environment value (which `docker inspect` shows).
 */
class ComposeSecretsTest {
    /** The secrets of ce-bridge's own keys, and the PostgreSQL image's password. */
    private static final Set<String> SECRET_VARIABLES = secretVariables();

    private static Set<String> secretVariables() {
        Set<String> names = BridgeKeys.ALL.stream().filter(ConfigKey::secret).map(ConfigKey::envName)
                .collect(Collectors.toSet());
        names.add("POSTGRES_PASSWORD");
        return Set.copyOf(names);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySecretIsAFileUnderRunSecretsThatItsServiceMounts() throws Exception {
        Map<String, Object> compose = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("docker/compose.yaml")));
        Map<String, Object> declared = (Map<String, Object>) compose.get("secrets");
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        List<String> checked = new ArrayList<>();
        services.forEach((service, def) -> {
            Map<String, Object> env = (Map<String, Object>) def.getOrDefault("environment", Map.of());
            List<String> mounted = (List<String>) def.getOrDefault("secrets", List.of());
            env.forEach((name, value) -> {
                String where = service + " " + name;
                assertThat(SECRET_VARIABLES).as(where + ": a secret as an environment value").doesNotContain(name);
                assertThat(String.valueOf(value)).as(where).doesNotContainIgnoringCase("PASSWORD}")
                        .doesNotContainIgnoringCase("SECRET}").doesNotContainIgnoringCase("PASSWORD:")
                        .doesNotContainIgnoringCase("SECRET:");
                if (name.endsWith("_FILE")) {
                    assertThat(SECRET_VARIABLES).as(where).contains(name.substring(0, name.length() - 5));
                    assertThat(String.valueOf(value)).as(where).startsWith("/run/secrets/");
                    String secret = String.valueOf(value).substring("/run/secrets/".length());
                    assertThat(mounted).as(where + ": the service mounts the secret").contains(secret);
                    assertThat(declared).as(where + ": the secret is declared").containsKey(secret);
                    checked.add(where);
                }
            });
        });
        assertThat(checked).as("the secrets compose.yaml passes").contains("ce-bridge BRIDGE_STORE_PASSWORD_FILE",
                "ce-bridge BRIDGE_ERP_PASSWORD_FILE", "ce-bridge BRIDGE_CRM_SALESFORCE_CLIENT_SECRET_FILE",
                "erp-setup BRIDGE_ERP_PASSWORD_FILE", "postgres POSTGRES_PASSWORD_FILE");
    }
}
