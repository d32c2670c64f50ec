package io.cebridge.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the route files are: the configured routes directory when it exists, else the routes bundled in the jar.
 * Both the runtime (Camel's include pattern) and the configuration (which flows exist) read the same files.
 */
public final class RouteFiles {
    private static final String BUNDLED = "bundled/routes/";

    private RouteFiles() {
    }

    /** A route file's name and text. */
    public record RouteFile(String name, String text) {
    }

    /** Camel's routes include pattern for the configured directory. */
    public static String pattern(String routesDir) {
        Path dir = Path.of(routesDir);
        return Files.isDirectory(dir) ? "file:" + dir.toAbsolutePath() + "/*.yaml" : "classpath:" + BUNDLED + "*.yaml";
    }

    private static void readBundled(Path dir, List<RouteFile> out) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                out.add(new RouteFile("classpath:" + BUNDLED + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
    }

    /** Every route file, sorted by name. */
    public static List<RouteFile> read(String routesDir) {
        Path dir = Path.of(routesDir);
        List<RouteFile> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    out.add(new RouteFile(p.toString(), Files.readString(p, StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading route files in " + dir, e);
            }
            return out;
        }
        java.net.URL url = RouteFiles.class.getClassLoader().getResource(BUNDLED);
        if (url == null) {
            return out;
        }
        try {
            java.net.URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(uri, java.util.Map.of())) {
                    readBundled(fs.getPath(BUNDLED), out);
                }
            } else {
                readBundled(Path.of(uri), out);
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("reading the bundled route files: " + e.getMessage(), e);
        }
        return out;
    }
}
