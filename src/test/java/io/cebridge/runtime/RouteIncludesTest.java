package io.cebridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: the bundled routes handed to Camel as a classpath wildcard (Camel then inflates every entry of the jar to
 * find them, seconds of each start), a bundled route file left out, or a routes directory losing its wildcard.
 */
class RouteIncludesTest {
    @TempDir
    Path tmp;

    @Test
    void withoutARoutesDirectoryEveryBundledFileIsNamedAndNoneIsAPattern() throws Exception {
        List<String> includes = Arrays.asList(RouteIncludes.of(tmp.resolve("no-such-dir").toString()).split(","));

        List<String> bundled;
        Path dir = Path.of(getClass().getClassLoader().getResource("bundled/routes").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            bundled = s.map(p -> "classpath:bundled/routes/" + p.getFileName()).filter(n -> n.endsWith(".yaml"))
                    .toList();
        }
        assertThat(bundled).contains("classpath:bundled/routes/customer-master.yaml");
        assertThat(includes).containsExactlyInAnyOrderElementsOf(bundled).noneMatch(i -> i.contains("*"));
        for (String include : includes) {
            assertThat(getClass().getClassLoader().getResource(include.substring("classpath:".length())))
                    .as(include).isNotNull();
        }
    }

    @Test
    void aRoutesDirectoryKeepsItsWildcard() throws Exception {
        Path routes = Files.createDirectories(tmp.resolve("routes"));
        Files.writeString(routes.resolve("a.yaml"), "- route: {}\n");

        assertThat(RouteIncludes.of(routes.toString())).isEqualTo("file:" + routes.toAbsolutePath() + "/*.yaml");
    }
}
