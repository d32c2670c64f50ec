package io.cebridge.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Loads every mapping ({@code *.jsonata}) and value map ({@code *.csv}) under the mappings directory, compiling
 * each once; every broken file is reported by name rather than at the first record that needs it.
 */
public final class MappingRegistry {
    private final Path root;
    private final Map<String, CompiledMapping> mappings = new ConcurrentHashMap<>();
    private final Map<String, ValueMap> valueMaps = new ConcurrentHashMap<>();

    private MappingRegistry(Path root) {
        this.root = root;
    }

    /** Loads the directory; throws listing every problem found. */
    public static MappingRegistry load(Path root) throws MappingException {
        MappingRegistry r = new MappingRegistry(root);
        List<String> problems = r.loadAll();
        if (!problems.isEmpty()) {
            throw new MappingException(String.join("\n", problems));
        }
        return r;
    }

    /** Problems of every file, for {@code validate}; empty when all load. */
    public static List<String> check(Path root) {
        return new MappingRegistry(root).loadAll();
    }

    private List<String> loadAll() {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            problems.add(root + ": mappings directory does not exist");
            return problems;
        }
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> files.put(root.relativize(p).toString().replace('\\', '/'), p));
        } catch (IOException e) {
            problems.add(root + ": cannot be listed: " + e.getMessage());
            return problems;
        }
        files.forEach((rel, p) -> {
            if (rel.endsWith(".csv")) {
                try {
                    valueMaps.put(rel, ValueMap.load(rel, p));
                } catch (MappingException e) {
                    problems.add(e.getMessage());
                }
            }
        });
        files.forEach((rel, p) -> {
            if (rel.endsWith(".jsonata")) {
                try {
                    String dir = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/') + 1) : "";
                    String source = Files.readString(p, StandardCharsets.UTF_8);
                    List<String> missing = referencedValueMaps(source).stream()
                            .filter(name -> !valueMaps.containsKey(dir + name + ".csv")).toList();
                    if (!missing.isEmpty()) {
                        problems.add(p + ": uses value map(s) " + missing + " but " + dir + missing.get(0)
                                + ".csv does not exist or does not load");
                        return;
                    }
                    mappings.put(rel, new CompiledMapping(p.toString(), source, name -> valueMaps.get(dir + name + ".csv")));
                } catch (IOException e) {
                    problems.add(p + ": cannot be read: " + e.getMessage());
                } catch (MappingException e) {
                    problems.add(e.getMessage());
                }
            }
        });
        return problems;
    }

    /** Names used as the first argument of $valueMap / $valueMapStrict with a string literal. */
    static List<String> referencedValueMaps(String source) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\\$valueMap(?:Strict)?\\(\\s*[\"']([^\"']+)[\"']").matcher(source);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    public CompiledMapping mapping(String relativePath) {
        CompiledMapping m = mappings.get(relativePath);
        if (m == null) {
            throw new IllegalStateException("mapping " + root.resolve(relativePath) + " does not exist; mappings found: "
                    + mappings.keySet());
        }
        return m;
    }

    public Path root() {
        return root;
    }
}
