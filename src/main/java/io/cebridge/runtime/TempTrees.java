package io.cebridge.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes a temporary directory this process made, with all under it, once its work is done: a `replay` in CI on every
 * commit, or a benchmark's databases (650 MB for 200,000 accounts), would otherwise pile up under /tmp. Links inside
 * are removed, not followed; what cannot be removed is left where it is, never an error.
 */
public final class TempTrees {
    private TempTrees() {
    }

    public static void delete(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException left) {
                    // a file another process still holds on a system that refuses: left for the system's own clean-up
                }
            });
        } catch (IOException | UncheckedIOException left) {
            // the tree changed while it was walked: what is left stays
        }
    }
}
