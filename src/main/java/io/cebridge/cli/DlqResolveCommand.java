package io.cebridge.cli;

import io.cebridge.store.DeadLetter;
import io.cebridge.store.LetterActions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `dlq resolve ID`: a person says the letter is handled; recorded with who (the OS user), when and the note. */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = "Mark a dead letter as handled (by you, now, with a note); it leaves `dlq list` and is audited.")
final class DlqResolveCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;
    @Parameters(paramLabel = "ID", description = "Dead letter id (see dlq list).")
    long id;
    @Option(names = "--note", paramLabel = "TEXT", description = "Why or how it was handled (at most 2000 characters).")
    String note;

    @Override
    public Integer call() throws Exception {
        if (note != null && note.length() > LetterActions.NOTE_MAX) {
            System.err.println("--note has " + note.length() + " characters; at most " + LetterActions.NOTE_MAX);
            return ConfigOptions.BAD_CONFIG;
        }
        return DlqCommand.onLetter(config, id, (store, letter) -> {
            if (DeadLetter.RESOLVED.equals(letter.status())) {
                System.err.println("dead letter " + id + " is resolved already (" + letter.resolvedAt()
                        + (letter.resolvedBy() == null ? ", its record was delivered" : ", by "
                        + letter.resolvedBy()) + ")");
                return 1;
            }
            String user = DlqCommand.user();
            if (!new LetterActions(store.dataSource()).resolve(letter, user, note)) {
                System.err.println("dead letter " + id + " was resolved meanwhile");
                return 1;
            }
            System.out.println("dead letter " + id + " resolved by " + user);
            return 0;
        });
    }
}
