package io.cebridge.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Copies the route and mapping files bundled in the jar to a directory, for installs without their own copies. */
public final class BundledFiles {
    private BundledFiles() {
    }

    /** Copies classpath folder {@code resourceDir} (e.g. "bundled/mappings") into {@code target}, replacing files. */
    public static Path extract(String resourceDir, Path target) {
        URL url = BundledFiles.class.getClassLoader().getResource(resourceDir);
        if (url == null) {
            throw new IllegalStateException("the jar has no bundled " + resourceDir);
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    copyTree(fs.getPath(resourceDir), target);
                }
            } else {
                copyTree(Path.of(uri), target);
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot copy bundled " + resourceDir + " to " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(from)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Path dest = to.resolve(from.relativize(f).toString());
            Files.createDirectories(dest.getParent());
            try (InputStream in = Files.newInputStream(f)) {
                Files.copy(in, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
