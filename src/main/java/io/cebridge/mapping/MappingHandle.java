package io.cebridge.mapping;

/** A flow's reference to one mapping file that follows hot reloads of the mappings directory. */
public final class MappingHandle {
    private final MappingRegistry registry;
    private final String relativePath;

    MappingHandle(MappingRegistry registry, String relativePath) {
        this.registry = registry;
        this.relativePath = relativePath;
    }

    public CompiledMapping current() {
        return registry.mapping(relativePath);
    }

    public String relativePath() {
        return relativePath;
    }
}
