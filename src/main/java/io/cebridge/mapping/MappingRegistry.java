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
 * each once; every broken file is reported by name rather than at the first record that needs it. {@link #reload}
 * swaps in a new set only when all of it loads, so a broken edit never replaces the last good mappings.
 */
public final class MappingRegistry {
    /** $valueMap / $valueMapStrict / $valueMapKeys with a string literal as the map's name (group 1). */
    private static final java.util.regex.Pattern VALUE_MAP_USE =
            java.util.regex.Pattern.compile("\\$valueMap(?:Strict|Keys)?\\(\\s*[\"']([^\"']+)[\"']");
    private final Path root;
    private volatile Loaded current;

    private MappingRegistry(Path root) {
        this.root = root;
    }

    /** Loads the directory; throws listing every problem found. */
    public static MappingRegistry load(Path root) throws MappingException {
        MappingRegistry r = new MappingRegistry(root);
        Loaded l = r.loadAll();
        if (!l.problems.isEmpty()) {
            throw new MappingException(String.join("\n", l.problems));
        }
        r.current = l;
        return r;
    }

    /** Problems of every file, for {@code validate}; empty when all load. */
    public static List<String> check(Path root) {
        return new MappingRegistry(root).loadAll().problems;
    }

    /**
     * Loads the directory again if a file changed since the last load. Returns the problems of a refused edit
     * (the previous mappings stay in use), or an empty list when nothing changed or the new set was taken.
     */
    public synchronized List<String> reload() {
        long stamp = lastModified();
        if (stamp == current.stamp) {
            return List.of();
        }
        Loaded l = loadAll();
        if (l.problems.isEmpty()) {
            current = l;
            org.slf4j.LoggerFactory.getLogger(MappingRegistry.class).info("mappings reloaded from {}", root);
            return List.of();
        }
        current = new Loaded(current.mappings, current.valueMaps, List.of(), stamp); // report a broken edit once
        return l.problems;
    }

    private long lastModified() {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis() ^ p.toString().hashCode();
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private record Loaded(Map<String, CompiledMapping> mappings, Map<String, ValueMap> valueMaps, List<String> problems,
                          long stamp) {
    }

    private Loaded loadAll() {
        long stamp = lastModified();
        Map<String, CompiledMapping> mappings = new ConcurrentHashMap<>();
        Map<String, ValueMap> valueMaps = new ConcurrentHashMap<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            problems.add(root + ": mappings directory does not exist");
            return new Loaded(mappings, valueMaps, problems, stamp);
        }
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> files.put(root.relativize(p).toString().replace('\\', '/'), p));
        } catch (IOException e) {
            problems.add(root + ": cannot be listed: " + e.getMessage());
            return new Loaded(mappings, valueMaps, problems, stamp);
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
                    java.util.regex.Matcher use = VALUE_MAP_USE.matcher(source);
                    java.util.Set<String> missing = new java.util.HashSet<>();
                    while (use.find()) { // each missing map once, at its first use
                        if (!valueMaps.containsKey(dir + use.group(1) + ".csv") && missing.add(use.group(1))) {
                            problems.add(SourcePosition.ofOffset(source, use.start(1)).describe(rel, "uses value map '"
                                    + use.group(1) + "' but " + dir + use.group(1) + ".csv does not exist or does not load"));
                        }
                    }
                    if (!missing.isEmpty()) {
                        return;
                    }
                    mappings.put(rel, new CompiledMapping(rel, source, name -> valueMaps.get(dir + name + ".csv")));
                } catch (IOException e) {
                    problems.add(p + ": cannot be read: " + e.getMessage());
                } catch (MappingException e) {
                    problems.add(e.getMessage());
                }
            }
        });
        return new Loaded(mappings, valueMaps, problems, stamp);
    }

    public CompiledMapping mapping(String relativePath) {
        CompiledMapping m = current.mappings.get(relativePath);
        if (m == null) {
            throw new IllegalStateException("mapping " + root.resolve(relativePath) + " does not exist; mappings found: "
                    + current.mappings.keySet());
        }
        return m;
    }

    /** A handle that always gives the mapping currently in use (after reloads). */
    public MappingHandle handle(String relativePath) {
        mapping(relativePath); // fail at start, not at the first record
        return new MappingHandle(this, relativePath);
    }

    public Path root() {
        return root;
    }
}
