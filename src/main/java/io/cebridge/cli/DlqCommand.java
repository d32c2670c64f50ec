package io.cebridge.cli;

import io.cebridge.config.BridgeConfig;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.LetterActions;
import io.cebridge.store.StateStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The error inbox: `dlq list`, `show`, `retry`, `edit` and `resolve` browse dead letters, send them through their flow
 * again (edited or not) and close the ones a person has handled.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Browse, retry, edit and resolve dead letters (docs/operations-dead-letters.md).",
        subcommands = {DlqListCommand.class, DlqShowCommand.class, DlqCommand.RetryCommand.class, DlqEditCommand.class,
                DlqResolveCommand.class})
public final class DlqCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** What `dlq show`, `edit` and `resolve` do with the letter they name, the store open. */
    interface LetterTask {
        Integer run(StateStore store, io.cebridge.store.DeadLetter letter) throws Exception;
    }

    /** Loads the configuration, opens the store and finds letter {@code id} for {@code task}; exit 1 when there is none. */
    static Integer onLetter(ConfigOptions config, long id, LetterTask task) throws Exception {
        BridgeConfig cfg = config.loadOrReport(java.util.Map.of());
        if (cfg == null) {
            return ConfigOptions.BAD_CONFIG;
        }
        try (StateStore store = open(cfg)) {
            java.util.Optional<io.cebridge.store.DeadLetter> found = store.deadLetters().get(id);
            if (found.isEmpty()) {
                System.err.println("no dead letter " + id);
                return 1;
            }
            return task.run(store, found.get());
        }
    }

    static StateStore open(BridgeConfig cfg) {
        return StateStore.open(cfg, 3);
    }

    /** Who runs the command, for the audit: the operating system's user name. */
    static String user() {
        return System.getProperty("user.name", "unknown");
    }

    /** `dlq retry`. */
    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Mark open dead letters for re-processing; the running flow (or the next run) sends them again."
                    + " Audited with who asked.")
    static final class RetryCommand implements Callable<Integer> {
        @Mixin
        ConfigOptions config;
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;
        @Option(names = "--flow", description = "Only this flow (with --all).")
        String flow;

        static final class Target {
            @Parameters(paramLabel = "ID", description = "Dead letter id (see dlq list).")
            Long id;
            @Option(names = "--all", description = "Every open dead letter.")
            boolean all;
        }

        @Override
        public Integer call() throws Exception {
            BridgeConfig cfg = config.loadOrReport(Map.of());
            if (cfg == null) {
                return ConfigOptions.BAD_CONFIG;
            }
            try (StateStore store = open(cfg)) {
                // one by one, so the audit says who asked for each letter's retry
                List<DeadLetter> letters = target.all ? store.deadLetters().list(flow, false)
                        : store.deadLetters().get(target.id).stream().filter(d -> flow == null || flow.equals(d.flow()))
                        .toList();
                io.cebridge.operate.LetterChanges changes = new io.cebridge.operate.LetterChanges(
                        new LetterActions(store.dataSource()));
                int n = 0;
                for (DeadLetter d : letters) {
                    if (changes.retry(d, user()).done()) {
                        n++;
                    }
                }
                System.out.println(n + " dead letter(s) marked for retry");
                return n == 0 && !target.all ? 1 : 0;
            }
        }
    }
}
