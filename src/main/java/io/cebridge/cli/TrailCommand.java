package io.cebridge.cli;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.FlowCatalog;
import io.cebridge.json.Json;
import io.cebridge.store.RecordTrailQuery;
import io.cebridge.store.StateStore;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `trail ID`: one record's story from the store's audit: versions read, writes and their answers, dead letters. */
@Command(name = "trail", mixinStandardHelpOptions = true,
        description = "Show one record's trail: every version read, what was written where with which mapping, every"
                + " dead letter and its attempts. Works while ce-bridge runs. Exit code 1 when the store knows nothing"
                + " of the id.")
public final class TrailCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;
    @Parameters(paramLabel = "ID", description = "A CRM id, an ERP key or a document key (as dlq list shows it).")
    String id;
    @Option(names = "--json", description = "The trail as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        BridgeConfig cfg = config.loadOrReport(Map.of());
        if (cfg == null) {
            return ConfigOptions.BAD_CONFIG;
        }
        RecordTrailQuery.Trail trail;
        try (StateStore store = StateStore.open(cfg, 2)) {
            trail = new RecordTrailQuery(store.dataSource()).find(id,
                    cfg.catalog().flows().stream().map(FlowCatalog.Flow::name).toList());
        }
        if (json) {
            System.out.println(Json.write(trail.toMap()));
        } else {
            print(trail);
        }
        return trail.isEmpty() ? 1 : 0;
    }

    private void print(RecordTrailQuery.Trail t) {
        if (t.isEmpty()) {
            System.out.println("nothing in the store for " + id + " (audit rows older than bridge.store.retention are"
                    + " purged)");
            return;
        }
        System.out.println("trail of " + String.join(" / ", t.ids()));
        for (RecordTrailQuery.Link l : t.links()) {
            System.out.printf("link  %s: CRM %s <-> ERP %s (version %s, %s)%n", l.entity(), l.crmId(), l.erpId(),
                    l.sourceVersion(), l.updatedAt());
        }
        for (RecordTrailQuery.Event e : t.events()) {
            StringBuilder b = new StringBuilder();
            b.append(e.at()).append("  ").append(e.flow()).append("  ").append(e.action()).append(' ')
                    .append(e.sourceId()).append(" version ").append(e.sourceVersion());
            if ("READ".equals(e.action())) {
                b.append(" from ").append(e.target() == null ? "the source" : e.target());
            } else if (e.target() != null || e.targetId() != null) {
                b.append(" -> ").append(e.target() == null ? "" : e.target() + " ").append(e.targetId() == null ? "" : e.targetId());
            }
            if (e.mappingFile() != null) {
                b.append("  mapping ").append(e.mappingFile());
                if (e.mappingHash() != null) {
                    b.append(" sha256:").append(e.mappingHash(), 0, Math.min(12, e.mappingHash().length()));
                }
            }
            if (e.flags() != null) {
                b.append("  flags ").append(e.flags());
            }
            System.out.println(b);
        }
        for (RecordTrailQuery.Letter d : t.deadLetters()) {
            System.out.printf("dead letter %d  %s/%s  %s  %s, %d attempt(s), first %s, last %s%s: %s%n", d.id(), d.flow(),
                    d.stage(), d.reasonCode(), d.status(), d.attempts(), d.firstFailedAt(), d.lastFailedAt(),
                    d.resolvedAt() == null ? "" : ", resolved " + d.resolvedAt(), d.reason());
            for (RecordTrailQuery.Action a : d.actions()) {
                System.out.printf("  %s %s by %s%s%n", a.at(), a.action(), a.actor(), a.note() == null ? ""
                        : ": " + a.note());
            }
        }
    }
}
