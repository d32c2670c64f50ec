package io.cebridge.cli;

import io.cebridge.flow.LetterEdit;
import io.cebridge.operate.LetterChanges;
import io.cebridge.store.LetterActions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `dlq edit ID --set field=value`: corrects the record a dead letter holds and marks it for retry, so the flow sends
 * it through every step again; audited with each field's value before and after.
 */
@Command(name = "edit", mixinStandardHelpOptions = true, description = {
        "Change fields of the record a dead letter holds and send it through the flow again (as dlq retry); audited"
                + " with the values before and after.", "Field names are the record's as `dlq show ID` prints them:"
                + " the CRM record's for ingest letters, the event's for later stages (a.b into objects, lines.0.x"
                + " into lists)."})
final class DlqEditCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;
    @Parameters(paramLabel = "ID", description = "Dead letter id (see dlq list).")
    long id;
    @Option(names = "--set", paramLabel = "FIELD=VALUE", required = true,
            description = "A field and its new value; repeat for several. A number stays a number.")
    List<String> assignments;
    @Option(names = "--allow-new-fields", description = "Also add fields the record does not have (e.g. one it lacks).")
    boolean allowNewFields;
    @Option(names = "--note", paramLabel = "TEXT", description = "Why (at most 2000 characters).")
    String note;

    @Override
    public Integer call() throws Exception {
        return DlqCommand.onLetter(config, id, (store, letter) -> {
            LetterChanges.Outcome outcome = new LetterChanges(new LetterActions(store.dataSource())).edit(letter,
                    assignments, allowNewFields, DlqCommand.user(), note);
            if (!outcome.done()) {
                System.err.println(outcome.message() + (outcome.kind() == LetterChanges.Kind.REFUSED
                        ? " (dlq show " + id + ")" : ""));
                return outcome.kind() == LetterChanges.Kind.INVALID ? ConfigOptions.BAD_CONFIG : 1;
            }
            for (LetterEdit.Change c : outcome.changes()) {
                System.out.println(c.field() + ": " + quoted(c.before()) + " -> " + quoted(c.after()));
            }
            System.out.println(outcome.message());
            return 0;
        });
    }

    private static String quoted(String v) {
        return v == null ? "(none)" : "'" + v + "'";
    }
}
