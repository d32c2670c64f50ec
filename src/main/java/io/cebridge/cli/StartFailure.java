package io.cebridge.cli;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a start that failed is told: one paragraph (the reasons of the cause chain, each once) on stderr, the full stack
 * trace only at DEBUG (BRIDGE_LOG_LEVEL=DEBUG), never a Camel dump.
 */
final class StartFailure {
    private static final Logger LOG = LoggerFactory.getLogger(StartFailure.class);

    private StartFailure() {
    }

    /** Prints the problems found before anything started; returns the exit code (2 configuration, 1 a system). */
    static int report(List<ConnectionCheck.Problem> problems) {
        StringBuilder out = new StringBuilder("ce-bridge did not start:");
        problems.forEach(p -> out.append("\n  ").append(p));
        System.err.println(out);
        return problems.stream().allMatch(ConnectionCheck.Problem::configuration) ? ConfigOptions.BAD_CONFIG : 1;
    }

    /** Prints a start that failed part way; returns exit code 1. */
    static int report(Throwable e) {
        System.err.println("ce-bridge did not start: " + describe(e)
                + " (full trace: BRIDGE_LOG_LEVEL=DEBUG)");
        LOG.debug("start failed", e);
        return 1;
    }

    /** The messages of the cause chain that add something, joined on one line. */
    static String describe(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            m = m.replaceAll("\\s*[\\r\\n]+\\s*", " ");
            String shown = m;
            if (parts.stream().noneMatch(p -> p.contains(shown))) {
                parts.add(m);
            }
        }
        return io.cebridge.error.Redactor.forLog(String.join(": ", parts));
    }
}
