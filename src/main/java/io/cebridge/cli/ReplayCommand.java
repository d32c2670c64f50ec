package io.cebridge.cli;

import io.cebridge.replay.CaseResult;
import io.cebridge.replay.Replayer;
import io.cebridge.runtime.BundledFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `replay`: runs recorded cases through the real routes and mappings and compares with what was recorded. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay recorded cases through the real routes and mappings (CRM and ERP intercepted); exit 1 and"
                + " show field-level differences when an output differs from the recording.")
public final class ReplayCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", defaultValue = "recordings", description = "Recordings directory (default: ${DEFAULT-VALUE}).")
    Path recordings;
    @Option(names = "--routes", defaultValue = "routes", description = "Route files (default: ${DEFAULT-VALUE}).")
    Path routes;
    @Option(names = "--mappings", defaultValue = "mappings", description = "Mapping files (default: ${DEFAULT-VALUE}).")
    Path mappings;
    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report.")
    Path junit;
    @Option(names = "--approve", description = "Write the current outputs as the expected files (after an intended change).")
    boolean approve;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(recordings)) {
            System.err.println("no recordings directory at " + recordings.toAbsolutePath());
            return 2;
        }
        Path tmp = Files.createTempDirectory("ce-bridge-bundled");
        try {
            Path routeDir = Files.isDirectory(routes) ? routes
                    : BundledFiles.extract("bundled/routes", tmp.resolve("routes"));
            Path mappingDir = Files.isDirectory(mappings) ? mappings
                    : BundledFiles.extract("bundled/mappings", tmp.resolve("mappings"));
            List<CaseResult> results = new Replayer(routeDir.toAbsolutePath(), mappingDir.toAbsolutePath())
                    .replay(recordings, approve, junit, System.out);
            if (results.isEmpty()) {
                System.err.println("no recorded cases (case.json) under " + recordings.toAbsolutePath());
                return 2;
            }
            return results.stream().allMatch(CaseResult::passed) ? 0 : 1;
        } finally {
            io.cebridge.runtime.FileTrees.deleteQuietly(tmp);
        }
    }
}
