package io.cebridge.cli;

import io.cebridge.operate.LetterChanges;
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
            LetterChanges.Outcome outcome = new LetterChanges(new LetterActions(store.dataSource())).resolve(letter,
                    DlqCommand.user(), note);
            (outcome.done() ? System.out : System.err).println(outcome.message());
            return outcome.done() ? 0 : 1;
        });
    }
}
