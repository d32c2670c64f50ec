package io.cebridge.it;

import io.cebridge.demo.DemoObjectStore;

/** Reads what the demo CRM holds, for tests that assert what a flow wrote back. */
public final class DemoRecords {
    private DemoRecords() {
    }

    /** The id of the demo CRM account with this name (the seeded ones: "Alfreds Futterkiste", ...). */
    public static String accountId(io.cebridge.demo.DemoAccountStore accounts, String name) {
        return accounts.all().stream().filter(a -> name.equals(String.valueOf(a.get("Name")).strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo account " + name)).get("Id").toString();
    }

    /** A field of one record of a type as text; null when the record or the value is absent. */
    public static String field(DemoObjectStore objects, String type, String id, String field) {
        return objects.records(type).stream().filter(r -> id.equals(r.get("Id"))).findFirst()
                .map(r -> r.get(field) == null ? null : String.valueOf(r.get(field))).orElse(null);
    }
}
