package io.cebridge.cli;

import io.cebridge.cli.dlq.LetterCsv;
import io.cebridge.operate.LetterFilter;
import io.cebridge.operate.LetterView;
import io.cebridge.config.BridgeConfig;
import io.cebridge.error.LetterCategory;
import io.cebridge.json.Json;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `dlq list`: the failures a person must act on, apart from the records that only wait; text, JSON lines or CSV. */
@Command(name = "list", mixinStandardHelpOptions = true, description = {
        "List open dead letters: failures only, with a line counting the records that wait for a link (--waiting lists"
                + " those).", "Categories: value, missing-reference, waiting, connection, rate-limit, too-large,"
                + " duplicate, locked."})
final class DlqListCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;
    @Option(names = "--flow", description = "Only this flow.")
    String flow;
    @Option(names = "--waiting", description = "The records waiting for a link or for what the ERP lacks, not failures.")
    boolean waiting;
    @Option(names = "--category", paramLabel = "C", description = "Only this category (see above).")
    String category;
    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;
    @Option(names = "--csv", description = "CSV (RFC 4180) with a header row.")
    boolean csv;
    @Option(names = "--all", description = "Include resolved letters.")
    boolean all;
    @Option(names = "--show-pii", description = "Show the identifiers (USCC, phone, e-mail) a reason or note quotes"
            + " unmasked, from the record the letter holds.")
    boolean showPii;

    @Override
    public Integer call() throws Exception {
        LetterCategory only = null;
        if (category != null) {
            only = LetterCategory.byLabel(category).orElse(null);
            if (only == null) {
                System.err.println("--category " + category + ": not a category; one of " + Arrays.stream(
                        LetterCategory.values()).map(LetterCategory::label).collect(Collectors.joining(", ")));
                return ConfigOptions.BAD_CONFIG;
            }
        }
        if (waiting && only != null && only != LetterCategory.WAITING) {
            System.err.println("--waiting and --category " + category + " ask for different letters; give one");
            return ConfigOptions.BAD_CONFIG;
        }
        if (json && csv) {
            System.err.println("--json and --csv: give one");
            return ConfigOptions.BAD_CONFIG;
        }
        BridgeConfig cfg = config.loadOrReport(Map.of());
        if (cfg == null) {
            return ConfigOptions.BAD_CONFIG;
        }
        LetterFilter filter = new LetterFilter(waiting ? LetterCategory.WAITING : only);
        try (StateStore store = DlqCommand.open(cfg)) {
            List<DeadLetter> letters = store.deadLetters().list(flow, all);
            print(filter.apply(letters), filter.waitingNotShown(letters));
        }
        return 0;
    }

    private void print(List<DeadLetter> shown, long waitingNotShown) {
        LetterView view = new LetterView(showPii);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        if (csv) {
            LetterCsv w = new LetterCsv(out);
            w.row(LetterView.COLUMNS);
            shown.forEach(d -> w.row(new java.util.ArrayList<>(view.fields(d).values())));
        } else if (json) {
            shown.forEach(d -> out.println(Json.write(view.fields(d))));
        } else {
            if (!shown.isEmpty()) {
                out.println(LetterView.header());
            }
            shown.forEach(d -> out.println(view.line(d)));
            out.println(shown.size() + " dead letter(s)");
        }
        out.flush();
        if (waitingNotShown > 0) { // on stderr with --json and --csv, so what they print stays one format
            (json || csv ? System.err : System.out).println(waitingNotShown + " more record(s) wait for a link or for"
                    + " what the ERP lacks and go by themselves: dlq list --waiting");
        }
    }
}
