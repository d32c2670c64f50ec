package io.cebridge.cli;

import io.cebridge.flow.LetterEdit;
import io.cebridge.flow.crmtoerp.CrmIngest;
import io.cebridge.json.Json;
import io.cebridge.store.DeadLetter;
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
            if (!DeadLetter.OPEN.equals(letter.status())) {
                System.err.println("dead letter " + id + " is " + letter.status() + (DeadLetter.RESOLVED.equals(
                        letter.status()) ? ": there is nothing to edit" : ": its record is being sent through the flow"
                        + " again; edit it if it fails (dlq show " + id + ")"));
                return 1;
            }
            LetterEdit.Result edit;
            try {
                edit = LetterEdit.apply(letter, assignments, allowNewFields);
                if (!new LetterActions(store.dataSource()).edit(letter, edit.payload(), Json.write(edit.changes()),
                        DlqCommand.user(), note)) {
                    System.err.println("dead letter " + id + " changed meanwhile (its record failed again or is being"
                            + " retried); look at it again with dlq show " + id);
                    return 1;
                }
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return ConfigOptions.BAD_CONFIG;
            }
            for (LetterEdit.Change c : edit.changes()) {
                System.out.println(c.field() + ": " + quoted(c.before()) + " -> " + quoted(c.after()));
            }
            System.out.println("dead letter " + id + " edited and marked for retry; the running flow (or the next run)"
                    + " sends it again: " + LetterEdit.path(letter, CrmIngest.STAGE));
            return 0;
        });
    }

    private static String quoted(String v) {
        return v == null ? "(none)" : "'" + v + "'";
    }
}
