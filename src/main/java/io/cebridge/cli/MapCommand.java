package io.cebridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.json.Json;
import io.cebridge.mapping.CompiledMapping;
import io.cebridge.mapping.MappingException;
import io.cebridge.mapping.MappingRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** `map`: what a mapping file makes of one record (or each record of a JSON array), for trying an edit in seconds. */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = "Print what a mapping makes of a record: map mappings/<flow>/<file>.jsonata input.json")
public final class MapCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MAPPING", description = "The .jsonata file (value maps are read beside it).")
    Path mapping;
    @Parameters(index = "1", paramLabel = "INPUT", description = "A JSON record, or an array of records.")
    Path input;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws Exception {
        Path file = mapping.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            System.err.println("no mapping file at " + file);
            return 2;
        }
        Path root = file.getParent().getParent();
        String rel = root.relativize(file).toString().replace('\\', '/');
        CompiledMapping m;
        try {
            m = MappingRegistry.load(root).mapping(rel);
        } catch (MappingException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        JsonNode in = Json.MAPPER.readTree(input.toFile());
        try {
            if (in.isArray()) {
                for (JsonNode n : in) {
                    print(m.apply(Json.MAPPER.convertValue(n, Map.class)));
                }
            } else {
                print(m.apply(Json.MAPPER.convertValue(in, Map.class)));
            }
        } catch (MappingException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        return 0;
    }

    private static void print(Object o) throws Exception {
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o));
    }
}
