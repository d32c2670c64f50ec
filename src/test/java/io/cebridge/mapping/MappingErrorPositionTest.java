package io.cebridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mapping that does not compile or fails on a record names its file, line and column and shows the line. */
class MappingErrorPositionTest {
    @TempDir
    Path dir;

    private static final String HEADER = "/* maps a CRM account to an ERP customer:\n   comments count as lines */\n";

    private List<String> problemsOf(String source) throws Exception {
        Files.createDirectories(dir.resolve("customer-master"));
        Files.writeString(dir.resolve("customer-master/customer.jsonata"), source);
        return MappingRegistry.check(dir);
    }

    @Test
    void aCompileErrorNamesLineAndColumnWithACaretUnderIt() throws Exception {
        // line 5, the ';' at column 18: a tab and two CJK characters before it are one column each
        List<String> problems = problemsOf(HEADER + "{\n  \"code\": Id,\n\t\"名称\": $trim(Name;\n  \"city\": City\n}\n");
        assertThat(problems).containsExactly("customer-master/customer.jsonata:5:18: does not compile: Expected \")\","
                + " got \";\"\n    \t\"名称\": $trim(Name;\n    \t \u3000\u3000" + " ".repeat(13) + "^");
    }

    @Test
    void theEndOfTheExpressionIsTheLastThingWrittenAndCrlfIsOneLineBreak() throws Exception {
        List<String> problems = problemsOf("{\r\n  \"name\": $trim(Name)\r\n\r\n");
        assertThat(problems).containsExactly("customer-master/customer.jsonata:2:21: does not compile: Expected \"}\""
                + " before end of expression\n      \"name\": $trim(Name)\n    " + " ".repeat(20) + "^");
    }

    @Test
    void aCommentLeftOpenIsNamedWhereItOpensAndOneEndingTheFileCompiles() throws Exception {
        assertThat(problemsOf("{\n  \"name\": Name /* the legal name\n}")).containsExactly(
                "customer-master/customer.jsonata:2:16: does not compile: the comment is not closed (no */ after /*)\n"
                        + "      \"name\": Name /* the legal name\n    " + " ".repeat(15) + "^");
        // JSONata 0.9.10 alone fails with "String index out of range" on a file whose last characters are a comment
        assertThat(problemsOf("{ \"name\": Name } /* the legal name */")).isEmpty();
    }

    @Test
    void aLongLineIsShownAroundTheColumn() throws Exception {
        StringBuilder line = new StringBuilder("{ ");
        for (int i = 0; i < 30; i++) {
            line.append("\"f").append(i).append("\": Name, ");
        }
        int column = line.length() + 16; // the '}' of "x": $trim(Name}
        line.append("\"x\": $trim(Name} ").append(" ".repeat(200)).append("}");
        String problem = problemsOf(line.toString()).get(0);
        assertThat(problem).startsWith("customer-master/customer.jsonata:1:" + column
                + ": does not compile: Expected \")\", got \"}\"\n");
        String[] shown = problem.split("\n");
        assertThat(shown[1]).startsWith("    ...").endsWith("...").hasSize(4 + 3 + 160 + 3);
        assertThat(shown[2]).matches(" +\\^");
        assertThat(shown[1].charAt(shown[2].length() - 1)).isEqualTo('}'); // the caret is under the '}'
    }

    @Test
    void aValueMapThatDoesNotExistIsNamedAtItsFirstUse() throws Exception {
        List<String> problems = problemsOf("{\n  \"country\": $valueMap(\"countrys\", country),\n"
                + "  \"billing\": $valueMapStrict('countrys', billing)\n}\n");
        assertThat(problems).containsExactly("customer-master/customer.jsonata:2:25: uses value map 'countrys' but"
                + " customer-master/countrys.csv does not exist or does not load\n"
                + "      \"country\": $valueMap(\"countrys\", country),\n    " + " ".repeat(24) + "^");
    }

    @Test
    void anEvaluationErrorWithAPositionNamesItsLineAndColumn() throws Exception {
        CompiledMapping m = new CompiledMapping("customer-master/customer.jsonata",
                HEADER + "{\n  \"code\": Id,\n  \"name\": $uppercase(Amount)\n}\n", name -> null);
        assertThatThrownBy(() -> m.apply(Map.of("Id", "1", "Amount", 12)))
                .isInstanceOfSatisfying(MappingException.class, e -> {
                    assertThat(e.code()).isEqualTo(MappingException.MAPPING_FAILED);
                    assertThat(e.getMessage()).as("one line: it is the record's dead-letter reason").isEqualTo(
                            "customer-master/customer.jsonata:5:21: Argument \"1\" of Object \"uppercase\" does not match"
                            + " Object signature");
                });
    }

    @Test
    void aValueMapMissNamesTheCallInTheFile() throws Exception {
        Files.createDirectories(dir.resolve("customer-master"));
        Files.writeString(dir.resolve("customer-master/countries.csv"), "source,target\n中国,CN\n");
        Files.writeString(dir.resolve("customer-master/customer.jsonata"),
                "{\n  \"name\": name,\n  \"country_code\": $valueMapStrict(\"countries\", country)\n}\n");
        CompiledMapping m = MappingRegistry.load(dir).mapping("customer-master/customer.jsonata");
        assertThatThrownBy(() -> m.apply(Map.of("name", "n", "country", "Atlantis")))
                .isInstanceOfSatisfying(MappingException.class, e -> {
                    assertThat(e.code()).isEqualTo(MappingException.MAPPING_FAILED);
                    assertThat(e.getMessage()).isEqualTo("customer-master/customer.jsonata:3:34: value 'Atlantis' has no"
                            + " entry in value map countries.csv");
                });
    }

    @Test
    void anEvaluationErrorWithoutAPositionStillNamesTheFileAndRejectKeepsItsCode() throws Exception {
        CompiledMapping m = new CompiledMapping("customer-master/customer.jsonata",
                "{\n  \"credit\": Limit - 1,\n  \"name\": Name ? Name : $reject(\"NAME_MISSING\", \"the account has no Name\")\n}",
                name -> null);
        assertThatThrownBy(() -> m.apply(Map.of("Limit", "lots", "Name", "n")))
                .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "customer-master/customer.jsonata: The left side of the \"-\" operator must evaluate to a number"));
        Map<String, Object> noName = new HashMap<>(Map.of("Limit", 5));
        assertThatThrownBy(() -> m.apply(noName)).isInstanceOfSatisfying(MappingException.class, e -> {
            assertThat(e.code()).isEqualTo("NAME_MISSING");
            assertThat(e.getMessage()).isEqualTo("the account has no Name (customer-master/customer.jsonata)");
        });
    }
}
