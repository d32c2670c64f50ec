package io.cebridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards: a temporary tree left behind in part, a link inside followed out of it, a missing tree taken for an error. */
class FileTreesTest {
    @TempDir
    Path tmp;

    @Test
    void theTreeGoesWholeAndALinkInsideIsNotFollowed() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "stays");
        Path root = Files.createDirectories(tmp.resolve("run/kafka/logs"));
        Files.writeString(root.resolve("00000.log"), "x".repeat(10_000));
        Files.writeString(tmp.resolve("run/store.mv.db"), "db");
        Files.createSymbolicLink(tmp.resolve("run/link"), outside);

        FileTrees.delete(tmp.resolve("run"));

        assertThat(tmp.resolve("run")).doesNotExist();
        assertThat(outside).hasContent("stays");
        FileTrees.deleteQuietly(tmp.resolve("run")); // gone already: nothing to do
        FileTrees.deleteQuietly(null);
    }
}
