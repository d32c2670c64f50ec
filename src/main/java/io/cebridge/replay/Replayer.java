package io.cebridge.replay;

import io.cebridge.runtime.EmbeddedKafkaBroker;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays every recorded case under a directory against one embedded single-partition Kafka broker (one partition
 * keeps the recorded order, so ERP numbers are the same on every replay) and reports each case.
 */
public final class Replayer {
    private final Path routesDir;
    private final Path mappingsDir;

    public Replayer(Path routesDir, Path mappingsDir) {
        this.routesDir = routesDir;
        this.mappingsDir = mappingsDir;
    }

    public List<CaseResult> replay(Path recordings, boolean approve, Path junit, PrintStream out) throws Exception {
        List<Path> dirs = RecordedCase.find(recordings);
        List<CaseResult> results = new ArrayList<>();
        Path work = Files.createTempDirectory("ce-bridge-replay");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(work.resolve("kafka"), 0).withPartitions(1)) {
            broker.start();
            CaseRunner runner = new CaseRunner(broker.bootstrapServers(), routesDir, mappingsDir, work);
            for (Path dir : dirs) {
                RecordedCase c = RecordedCase.load(dir);
                CaseResult r = runner.run(c, approve);
                results.add(r);
                report(r, approve, out);
            }
        } finally {
            io.cebridge.runtime.FileTrees.deleteQuietly(work); // the broker's log and the cases' stores
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.printf("%d case(s), %d passed, %d failed%n", results.size(), results.size() - failed, failed);
        if (junit != null) {
            JUnitReport.write(junit, results);
        }
        return results;
    }

    private static void report(CaseResult r, boolean approve, PrintStream out) {
        String id = r.flow() + "/" + r.name();
        if (r.error() != null) {
            out.printf("ERROR %s: %s%n", id, r.error());
        } else if (approve) {
            out.printf("APPROVED %s (expected files written)%n", id);
        } else if (r.passed()) {
            out.printf("PASS %s (%.1f s)%n", id, r.seconds());
        } else {
            out.printf("FAIL %s%n", id);
            r.differences().forEach(d -> out.println("    " + d));
        }
    }
}
