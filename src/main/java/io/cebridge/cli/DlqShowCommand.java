package io.cebridge.cli;

import io.cebridge.operate.LetterView;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.LetterAction;
import io.cebridge.store.LetterActions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `dlq show ID`: one letter, the record it holds (the fields `dlq edit` can set) and what people did to it. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one dead letter: its reason, the record it holds and who edited or resolved it.")
final class DlqShowCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;
    @Parameters(paramLabel = "ID", description = "Dead letter id (see dlq list).")
    long id;
    @Option(names = "--show-pii", description = "Show identifiers (USCC, phone, e-mail) unmasked.")
    boolean showPii;

    @Override
    public Integer call() throws Exception {
        return DlqCommand.onLetter(config, id, (store, letter) -> {
            LetterView view = new LetterView(showPii);
            view.fields(letter).forEach((k, v) -> {
                if (v != null) {
                    System.out.println(k + ": " + v);
                }
            });
            System.out.println("record:");
            view.record(letter).forEach(line -> System.out.println("  " + line));
            for (LetterAction a : new LetterActions(store.dataSource()).of(id)) {
                // edits are stored masked: --show-pii cannot and does not reveal them
                System.out.println(a.at() + " " + a.action() + " by " + a.actor() + (a.note() == null ? ""
                        : " (" + a.note() + ")") + (a.changes() == null ? "" : ": " + a.changes()));
            }
            return 0;
        });
    }
}
