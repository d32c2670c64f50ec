package io.cebridge.demo;

import java.util.List;
import java.util.Map;

/**
 * The stand-in of an ERP reached over its own API that `demo --erp` runs against instead of the reference ERP on H2:
 * started on a local port and seeded with the demo's data before the runtime starts.
 */
public interface DemoStandInErp extends AutoCloseable {
    /** The bridge.erp.* settings pointing ce-bridge at the stand-in; they hold its secret: never print them. */
    Map<String, String> settings();

    /** Where the stand-in answers and what it was seeded with, for the console (no secret in it). */
    String describe();

    /** What reached the ERP and what came back to the CRM after a cycle, lines for the console. */
    List<String> outcome(DemoAccountStore accounts, DemoObjectStore objects);

    @Override
    void close();
}
