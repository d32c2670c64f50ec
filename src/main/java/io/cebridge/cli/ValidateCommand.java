package io.cebridge.cli;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.config.ConfigException;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.runtime.BundledFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `validate`: loads configuration, route files and mappings without starting anything; names every broken file. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check configuration, routes and mappings without starting pollers; exit 1 naming each problem.")
public final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        List<String> problems = new ArrayList<>();
        BridgeConfig cfg = null;
        try {
            cfg = config.load(Map.of());
        } catch (ConfigException e) {
            e.problems().forEach(p -> problems.add("config: " + p));
        }
        // with broken configuration, still check the files it names
        Path routes = Path.of(cfg != null ? cfg.get(BridgeKeys.ROUTES_DIR) : rawOrDefault(BridgeKeys.ROUTES_DIR.name(),
                BridgeKeys.ROUTES_DIR.defaultValue()));
        Path mappings = Path.of(cfg != null ? cfg.get(BridgeKeys.MAPPINGS_DIR) : rawOrDefault(BridgeKeys.MAPPINGS_DIR.name(),
                BridgeKeys.MAPPINGS_DIR.defaultValue()));
        problems.addAll(checkRoutes(routes));
        if (!Files.isDirectory(mappings)) {
            Path data = cfg != null ? cfg.dataDir() : Path.of(BridgeKeys.DATA_DIR.defaultValue()).toAbsolutePath();
            mappings = BundledFiles.extract("bundled/mappings", data.resolve("bundled").resolve("mappings"));
        }
        MappingRegistry.check(mappings).forEach(p -> problems.add("mapping: " + p));
        if (problems.isEmpty()) {
            System.out.println("valid: configuration, routes in " + routes.toAbsolutePath() + ", mappings in "
                    + mappings.toAbsolutePath());
            return 0;
        }
        problems.forEach(p -> System.err.println("INVALID " + p));
        return 1;
    }

    private String rawOrDefault(String key, String def) {
        Path file = config.dir.resolve("application.properties");
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (java.io.IOException e) {
            return def;
        }
        return p.getProperty(key, def).trim();
    }

    /** Parses every route file with Camel's YAML DSL (syntax, unknown keys, line numbers) without starting routes. */
    static List<String> checkRoutes(Path dir) {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return problems; // the bundled routes are used; they are checked by the build
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (java.io.IOException e) {
            problems.add("route: " + dir + ": cannot be listed: " + e.getMessage());
            return problems;
        }
        for (Path f : files) {
            try (DefaultCamelContext ctx = new DefaultCamelContext()) {
                ctx.build();
                Resource r = ResourceHelper.resolveResource(ctx, "file:" + f.toAbsolutePath());
                PluginHelper.getRoutesLoader(ctx).loadRoutes(r);
            } catch (Exception e) {
                problems.add("route: " + f + ": " + rootMessage(e));
            }
        }
        return problems;
    }

    private static String rootMessage(Throwable e) {
        String m = e.getMessage();
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                m = m + " / " + t.getMessage();
            }
        }
        return m;
    }
}
