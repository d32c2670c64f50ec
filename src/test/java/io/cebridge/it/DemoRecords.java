package io.cebridge.it;

import io.cebridge.demo.DemoObjectStore;

/** Reads what the demo CRM holds, for tests that assert what a flow wrote back. */
public final class DemoRecords {
    private DemoRecords() {
    }

    /** A field of one record of a type as text; null when the record or the value is absent. */
    public static String field(DemoObjectStore objects, String type, String id, String field) {
        return objects.records(type).stream().filter(r -> id.equals(r.get("Id"))).findFirst()
                .map(r -> r.get(field) == null ? null : String.valueOf(r.get(field))).orElse(null);
    }
}
