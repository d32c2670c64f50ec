package io.cebridge.runtime;

import io.cebridge.config.RouteFiles;
import java.util.stream.Collectors;

/**
 * Camel's routes include pattern. For the route files bundled in the jar it names each file: given a wildcard on the
 * classpath, Camel's package scan reads the whole jar (every entry inflated, tens of megabytes) to find a handful of
 * YAML files, seconds of every start. A routes directory keeps its wildcard (a directory listing is cheap, and hot
 * reload watches the directory).
 */
final class RouteIncludes {
    private RouteIncludes() {
    }

    static String of(String routesDir) {
        String pattern = RouteFiles.pattern(routesDir);
        if (!pattern.startsWith("classpath:")) {
            return pattern;
        }
        String files = RouteFiles.read(routesDir).stream().map(RouteFiles.RouteFile::name)
                .collect(Collectors.joining(","));
        return files.isEmpty() ? pattern : files;
    }
}
