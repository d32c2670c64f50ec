package io.cebridge.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** A YAML file of a flow's mapping directory (documents.yaml, requirements.yaml), read with its path in errors. */
public final class YamlFile {
    private YamlFile() {
    }

    /** The file's content as YAML objects; a file that cannot be read is refused naming it. */
    public static Object read(Path file) {
        try {
            return new Load(LoadSettings.builder().setLabel(file.toString()).build())
                    .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
