package io.cebridge.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where secrets may come from besides the environment: a file named by {@code BRIDGE_..._FILE} (how Docker and
 * Kubernetes hand secrets to a container, and where vault agents render them). Also refuses Camel vault functions
 * in a secret (they would be sent as a literal password) and warns about secrets written into the config file.
 */
final class SecretSources {
    private static final Logger LOG = LoggerFactory.getLogger(SecretSources.class);
    /** {{aws:name}}, {{hashicorp:secret:name}}, {{azure:...}}, {{gcp:...}}: Camel's vault property functions. */
    private static final Pattern VAULT_FUNCTION = Pattern.compile("\\{\\{[a-z][a-z0-9-]*:.*}}");
    /** The property functions camel-base 4.17 has built in that can hold a secret: environment and JVM properties. */
    private static final Pattern BUILT_IN_FUNCTION = Pattern.compile("\\{\\{(env|sys):([^{}]+)}}");
    private static final Pattern TRAILING_NEWLINES = Pattern.compile("[\r\n]+$");

    private SecretSources() {
    }

    static String fileVariable(ConfigKey<?> key) {
        return key.envName() + "_FILE";
    }

    /**
     * Reads each secret whose {@code _FILE} variable is set into {@code raw}; throws naming every key whose file
     * cannot be read or that is also set directly (which one was meant cannot be told).
     */
    static void readFiles(List<ConfigKey<?>> keys, Map<String, String> env, Map<String, String> raw,
                          Map<String, String> source) {
        List<String> problems = new ArrayList<>();
        for (ConfigKey<?> k : keys) {
            String variable = fileVariable(k);
            String file = env.get(variable);
            if (!k.secret() || file == null) {
                continue;
            }
            if (env.get(k.envName()) != null) {
                problems.add(k.name() + ": both " + k.envName() + " and " + variable + " are set; set only one");
                continue;
            }
            try {
                String value = TRAILING_NEWLINES.matcher(Files.readString(Path.of(file), StandardCharsets.UTF_8))
                        .replaceFirst("");
                if (value.isEmpty()) {
                    problems.add(k.name() + ": the file " + file + " named by " + variable + " is empty");
                    continue;
                }
                raw.put(k.name(), value);
                source.put(k.name(), "file " + file + " named by " + variable);
            } catch (IOException | RuntimeException e) {
                // the exception names the file and the failure (no such file, permission denied), never its content
                problems.add(k.name() + ": cannot read the file " + file + " named by " + variable + " ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** One WARN per secret written into the configuration file (also when overridden); the value is never shown. */
    static void warnIfInFile(List<ConfigKey<?>> keys, java.util.Properties fileProperties, Path file) {
        for (ConfigKey<?> k : keys) {
            String value = fileProperties.getProperty(k.name());
            if (k.secret() && value != null && !value.isBlank() && !BUILT_IN_FUNCTION.matcher(value.strip()).matches()) {
                LOG.warn("{} is set in {}: whoever can read that file can read the secret; set {} or {} (a file"
                        + " holding the secret, e.g. a Docker or Kubernetes secret) instead", k.name(), file,
                        k.envName(), fileVariable(k));
            }
        }
    }

    /** A vault function reaching a secret would be used as the password itself: refuse it with what to do instead. */
    static String unresolvedVaultFunction(ConfigKey<?> key, String value) {
        if (key.secret() && value != null && VAULT_FUNCTION.matcher(value.strip()).matches()
                && !BUILT_IN_FUNCTION.matcher(value.strip()).matches()) {
            return key.name() + ": Camel vault property functions are not resolved by ce-bridge; have your vault"
                    + " agent or secret store write the secret to a file and set " + fileVariable(key)
                    + " (see docs/security-at-rest.md)";
        }
        return null;
    }

    /**
     * A secret written as one of camel-base's own property functions, {@code {{env:NAME}}} or {@code {{sys:name}}}
     * (with an optional {@code :default}), is resolved by Camel's function (so {@code env} also finds {@code
     * ERP_PW} for {@code erp.pw}, as Camel does); the configuration file then holds a reference, not the secret. A
     * reference to nothing is a problem naming the key and the variable; null is returned for it.
     */
    static String resolveCamelFunction(ConfigKey<?> key, String value, List<String> problems) {
        java.util.regex.Matcher m = value == null ? null : BUILT_IN_FUNCTION.matcher(value.strip());
        if (!key.secret() || m == null || !m.matches()) {
            return value;
        }
        org.apache.camel.spi.PropertiesFunction f = "env".equals(m.group(1))
                ? new org.apache.camel.component.properties.EnvPropertiesFunction()
                : new org.apache.camel.component.properties.SysPropertiesFunction();
        String resolved = f.apply(m.group(2));
        if (resolved == null || resolved.isEmpty()) {
            String name = m.group(2).contains(":") ? m.group(2).substring(0, m.group(2).indexOf(':')) : m.group(2);
            problems.add(key.name() + ": {{" + m.group(1) + ":" + name + "}} names " + ("env".equals(m.group(1))
                    ? "the environment variable " : "the system property ") + name + ", which is not set");
            return null;
        }
        return resolved;
    }
}
