package io.cebridge.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dead-letter export is RFC 4180: a spreadsheet reads back every field as it was, commas, quotes and lines included. */
class LetterCsvTest {
    @Test
    void fieldsWithCommasQuotesAndLineBreaksAreQuotedAndQuotesDoubled() {
        StringWriter out = new StringWriter();
        LetterCsv csv = new LetterCsv(out);
        csv.row(List.of("id", "reason"));
        csv.row(Arrays.asList(7, "name 'ACME, Inc.' has a \"quote\"\nand a second line", null, "plain 统一社会信用代码"));
        assertThat(out.toString()).isEqualTo("id,reason\r\n"
                + "7,\"name 'ACME, Inc.' has a \"\"quote\"\"\nand a second line\",,plain 统一社会信用代码\r\n");
    }

    @Test
    void aLoneCarriageReturnIsQuotedToo() {
        assertThat(LetterCsv.field("a\rb")).isEqualTo("\"a\rb\"");
        assertThat(LetterCsv.field("\"")).isEqualTo("\"\"\"\"");
        assertThat(LetterCsv.field("")).isEmpty();
    }

    @Test
    void whatItWritesParsesBackToTheSameFields() {
        List<String> fields = List.of("x,y", "say \"hi\"", "two\r\nlines", " spaced ", "");
        StringWriter out = new StringWriter();
        new LetterCsv(out).row(fields);
        assertThat(parseOneRecord(out.toString())).isEqualTo(fields);
    }

    /** A minimal RFC 4180 reader for one record, written from the grammar (section 2), to check the writer against. */
    private static List<String> parseOneRecord(String text) {
        List<String> fields = new java.util.ArrayList<>();
        StringBuilder f = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
                while (true) {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (text.charAt(i) == '"') {
                            f.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        f.append(c);
                    }
                }
            } else {
                while (text.charAt(i) != ',' && text.charAt(i) != '\r') {
                    f.append(text.charAt(i++));
                }
            }
            fields.add(f.toString());
            f.setLength(0);
            if (text.charAt(i) == '\r') {
                assertThat(text.substring(i)).isEqualTo("\r\n");
                return fields;
            }
            i++; // the comma
        }
    }
}
