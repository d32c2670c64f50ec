package io.cebridge.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Reads the bundled demo accounts (Northwind customers plus Chinese data-quality cases) from the class path. */
final class DemoSeedData {

    static final String RESOURCE = "/demo/crm-accounts.json";

    private DemoSeedData() {
    }

    /** Returns the seed rows as field maps, in file order. */
    static List<Map<String, Object>> accounts() {
        try (InputStream in = DemoSeedData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + RESOURCE);
            }
            return DemoJson.readList(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
