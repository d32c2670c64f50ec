package io.cebridge.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.cli.BridgeCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import io.cebridge.it.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards: a mapping or route change that alters what reaches the ERP or the CRM shipping unnoticed. */
class ReplayIT {
    @TempDir
    Path tmp;

    @Test
    void shippedRecordingsReplayGreenAndEveryChangedExpectationIsNamed() throws Exception {
        Path junit = tmp.resolve("replay.xml");
        Run ok = replay("recordings", "--junit", junit.toString());
        assertThat(ok.code).as(ok.out).isZero();
        // every shipped case: the 11 of the first five flows and those of the flows added as files since
        long cases = RecordedCase.find(Path.of("recordings")).size();
        assertThat(cases).isGreaterThanOrEqualTo(14);
        assertThat(ok.out).contains(cases + " passed, 0 failed");
        assertThat(Files.readString(junit)).contains("tests=\"" + cases + "\" failures=\"0\"");

        // an expected value changed by hand: replay fails and names file, path, expected and actual
        Path copy = TestFiles.copyTree(Path.of("recordings"), tmp.resolve("rec"));
        Path expected = copy.resolve("customer-master/full-width-input/expected/erp-upsert.json");
        Files.writeString(expected, Files.readString(expected).replace("+8613810001234", "+8613810009999"));
        Run failed = replay(copy.toString(), "--junit", junit.toString());
        assertThat(failed.code).isEqualTo(1);
        assertThat(failed.out).contains("FAIL customer-master/full-width-input")
                .contains("erp-upsert.json $[0].phone: expected \"+8613810009999\", actual \"+8613810001234\"")
                .contains((cases - 1) + " passed, 1 failed");
        assertThat(Files.readString(junit)).contains("failures=\"1\"").contains("$[0].phone");

        // reverting it makes it pass again
        Files.writeString(expected, Files.readString(expected).replace("+8613810009999", "+8613810001234"));
        assertThat(replay(copy.toString()).code).isZero();
    }

    @Test
    void aMappingEditThatChangesOutputFailsTheReplay() throws Exception {
        Path mappings = TestFiles.copyTree(Path.of("mappings"), tmp.resolve("mappings"));
        Path outbound = mappings.resolve("customer-master/customer-to-erp-customer.jsonata");
        Files.writeString(outbound, Files.readString(outbound).replace("\"city\": address.city", "\"city\": address.state"));
        Run r = replay("recordings", "--mappings", mappings.toString());
        assertThat(r.code).isEqualTo(1);
        assertThat(r.out).contains("$[0].city: expected \"杭州市\", actual \"浙江省\"");
    }

    @Test
    void aFinancialSummaryMappingEditThatChangesACrmFieldFailsTheReplay() throws Exception {
        Path mappings = TestFiles.copyTree(Path.of("mappings"), tmp.resolve("mappings"));
        Path summary = mappings.resolve("financial-summary/summary-to-salesforce-account.jsonata");
        Files.writeString(summary, Files.readString(summary).replace("\"AR_1_30__c\": document.ar1To30",
                "\"AR_1_30__c\": document.ar31To60"));
        Run r = replay("recordings/financial-summary", "--mappings", mappings.toString());
        assertThat(r.code).isEqualTo(1);
        assertThat(r.out).contains("crm-writes.json $[0].record.AR_1_30__c: expected 300.25, actual 450.00");
    }

    private static Run replay(String... args) {
        String[] full = Stream.concat(Stream.of("replay"), Stream.of(args)).toArray(String[]::new);
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = BridgeCli.execute(full);
            return new Run(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    private record Run(int code, String out) {
    }
}
