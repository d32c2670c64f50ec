package io.cebridge.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes a directory with all under it; links inside are removed, not followed. */
public final class FileTrees {
    private FileTrees() {
    }

    /** Removes the tree (nothing when it does not exist); fails on the first entry that cannot be removed. */
    public static void delete(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Removes a temporary directory this process made once its work is done, never failing: a `replay` in CI on every
     * commit, or a benchmark's databases (650 MB for 200,000 accounts), would otherwise pile up under /tmp; what cannot
     * be removed is left for the system's own clean-up.
     */
    public static void deleteQuietly(Path root) {
        try {
            delete(root);
        } catch (IOException left) {
            // left where it is: the work it held is done
        }
    }
}
