package io.cebridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration reference must list every key the runtime accepts, with its default. */
class ReadmeConfigTest {
    @Test
    void everyKeyIsDocumentedWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (ConfigKey<?> k : BridgeKeys.ALL) {
            assertThat(readme).as(k.name()).contains("| `" + k.name() + "` |");
            if (!k.secret() && !k.defaultValue().isEmpty()) {
                assertThat(readme).as(k.name() + " default").contains("| `" + k.name() + "` | `" + k.defaultValue() + "` |");
            }
        }
    }
}
