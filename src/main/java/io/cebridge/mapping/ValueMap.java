package io.cebridge.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A value map from a two-column CSV file ({@code source,target} header, one pair per line, {@code #} comments);
 * lookups ignore case and surrounding spaces. Duplicate source values are an error, not a silent overwrite.
 */
public final class ValueMap {
    private final String name;
    private final Path file;
    private final Map<String, String> entries;
    private final List<String> sources;

    private ValueMap(String name, Path file, Map<String, String> entries, List<String> sources) {
        this.name = name;
        this.file = file;
        this.entries = entries;
        this.sources = sources;
    }

    public static ValueMap load(String name, Path file) throws MappingException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MappingException(file + ": cannot be read: " + e.getMessage());
        }
        Map<String, String> entries = new HashMap<>();
        List<String> sources = new java.util.ArrayList<>();
        boolean header = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            int comma = line.indexOf(',');
            if (comma < 0) {
                throw new MappingException(file + ":" + (i + 1) + ": expected 'source,target'");
            }
            String key = normalise(line.substring(0, comma));
            String value = line.substring(comma + 1).strip();
            String before = entries.put(key, value);
            if (before != null) {
                throw new MappingException(file + ":" + (i + 1) + ": duplicate source value '" + line.substring(0, comma).strip()
                        + "'");
            }
            sources.add(line.substring(0, comma).strip());
        }
        return new ValueMap(name, file, Map.copyOf(entries), List.copyOf(sources));
    }

    public Optional<String> lookup(String source) {
        return source == null ? Optional.empty() : Optional.ofNullable(entries.get(normalise(source)));
    }

    /** The source values as the file spells them, in its order: for a mapping that acts on every row of a map. */
    public List<String> sources() {
        return sources;
    }

    public String name() {
        return name;
    }

    public Path file() {
        return file;
    }

    public int size() {
        return entries.size();
    }

    private static String normalise(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
