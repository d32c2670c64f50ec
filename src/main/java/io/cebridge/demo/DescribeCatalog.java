package io.cebridge.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The describe metadata the demo org has for some sObject types (the others stay schema-less, as before): read once
 * from the class path and kept.
 */
final class DescribeCatalog {
    /** Types with a describe body under {@code /demo/describe/}. */
    static final List<String> DESCRIBED = List.of("PricebookEntry", "Product2", "Pricebook2", "ERP_Stock_Level__c");
    private static final Map<String, SObjectDescribe> LOADED = new ConcurrentHashMap<>();

    private DescribeCatalog() {
    }

    /** The type's describe, or empty for a type the demo keeps without a schema. */
    static Optional<SObjectDescribe> find(String type) {
        return DESCRIBED.stream().filter(t -> t.equalsIgnoreCase(type)).findFirst()
                .map(t -> LOADED.computeIfAbsent(t.toLowerCase(Locale.ROOT), k -> load(t)));
    }

    private static SObjectDescribe load(String type) {
        String resource = "/demo/describe/" + type + ".json";
        try (InputStream in = DescribeCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + resource);
            }
            return SObjectDescribe.of(DemoJson.readMap(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
