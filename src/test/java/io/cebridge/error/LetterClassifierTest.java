package io.cebridge.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every reason code the code base, the route files, the bundled mappings and the recordings write has a category. */
class LetterClassifierTest {
    /**
     * Calls whose arguments carry a reason code: dead-lettering, parking, a flow's fail(..) and decodeFailed(..), a
     * cleansing refusal.
     */
    private static final Pattern CALL = Pattern.compile(
            "(deadLetters\\.put|deadLetters\\.park|\\bfail|\\bdecodeFailed|new Rejection|DeadLetter\\.failure)\\(");
    private static final Pattern LITERAL = Pattern.compile("\"([A-Z][A-Z0-9_]*)\"");
    /** {@code "NOT_A_" + entity... + "_EVENT"}: a code built around a name; SAMPLE stands for the name. */
    private static final Pattern BUILT = Pattern.compile("\"([A-Z][A-Z0-9_]*_)\"\\s*\\+[^\"]*?\\+\\s*\"(_[A-Z0-9_]+)\"");
    private static final Pattern CONSTANT_REF = Pattern.compile("\\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\\b");
    private static final Pattern CONSTANT_DECL = Pattern.compile(
            "static final String ([A-Z][A-Z0-9_]*) = \"([A-Z][A-Z0-9_]*)\"");

    @Test
    void everyReasonCodeThatIsWrittenSomewhereHasACategory() throws IOException {
        Map<String, String> codes = new TreeMap<>(); // code -> where it was found
        javaCodes(codes);
        scan(Path.of("mappings"), Pattern.compile("\\$reject\\(\\s*\"([A-Z0-9_]+)\""), codes);
        scan(Path.of("src/main/resources"), Pattern.compile("\\$reject\\(\\s*\"([A-Z0-9_]+)\""), codes);
        scan(Path.of("routes"), Pattern.compile("(?:lockFlag|checkFlag|claimFlag)=([A-Z0-9]+_[A-Z0-9_]+)"), codes);
        scan(Path.of("src/main/java/io/cebridge/component"), Pattern.compile("(?:lockFlag|checkFlag) = \"([A-Z0-9_]+)\""),
                codes);
        scan(Path.of("recordings"), Pattern.compile("\"reasonCode\"\\s*:\\s*\"([^\"]+)\""), codes);
        scan(Path.of("src/test/resources"), Pattern.compile("\"reasonCode\"\\s*:\\s*\"([^\"]+)\""), codes);

        // the scan itself must find what is known to be there, or it proves nothing
        assertThat(codes.keySet()).contains("USCC_FORMAT", "PHONE_INVALID", "UNREPRESENTABLE_NUMBER",
                "PARENT_NOT_LINKED", "CUSTOMER_NOT_LINKED", "NEEDS_MAPPING", "TOO_LARGE", "ERP_REJECTED", "CRM_REJECTED",
                "ERP_VALUE_DOES_NOT_FIT", "NOT_A_SAMPLE_EVENT", "ORDER_LOCKED_IN_ERP", "RETURN_EXCEEDS_INVOICED",
                "INVALID_QUANTITY", "DUPLICATE_FIELD", "MAPPING_FAILED", "LOCKED_IN_ERP", "NO_PARENT");
        assertThat(codes).hasSizeGreaterThan(40);
        Map<String, String> unmapped = new TreeMap<>();
        codes.forEach((code, where) -> {
            if (LetterClassifier.lookup(code).isEmpty()) {
                unmapped.put(code, where);
            }
        });
        assertThat(unmapped).as("reason codes without a category: add them to LetterClassifier's table").isEmpty();
    }

    @Test
    void waitingIsApartFromFailures() {
        assertThat(LetterClassifier.of("PARENT_NOT_LINKED", "waiting: account 001 is not linked")).isEqualTo(LetterCategory.WAITING);
        assertThat(LetterClassifier.of("CUSTOMER_NOT_LINKED", null)).isEqualTo(LetterCategory.WAITING);
        assertThat(LetterClassifier.of("NEEDS_MAPPING", "waiting, nothing written")).isEqualTo(LetterCategory.WAITING);
        assertThat(LetterClassifier.of("NO_PARENT", "the record has no AccountId")).isEqualTo(LetterCategory.MISSING_REFERENCE);
    }

    @Test
    void eachCodeFamilyHasItsCategory() {
        assertThat(LetterClassifier.of("USCC_FORMAT,PHONE_INVALID", "uscc: ...; phone: ...")).isEqualTo(LetterCategory.VALUE);
        assertThat(LetterClassifier.of("TOO_LARGE", "the record is 2 MB")).isEqualTo(LetterCategory.TOO_LARGE);
        assertThat(LetterClassifier.of("ORDER_LOCKED_IN_ERP", "SO-1 is SHIPPED")).isEqualTo(LetterCategory.LOCKED);
        assertThat(LetterClassifier.of("RETURN_LOCKED_IN_ERP", "RMA-1 is RECEIVED")).isEqualTo(LetterCategory.LOCKED);
        assertThat(LetterClassifier.of("DUPLICATE_USCC_LINKED", "")).isEqualTo(LetterCategory.DUPLICATE);
        assertThat(LetterClassifier.of("NOT_A_CONTACT_EVENT", "lacks sourceId")).isEqualTo(LetterCategory.VALUE);
        // a mapping's own $reject code the table cannot know: the mapping refused the record's data
        assertThat(LetterClassifier.lookup("OUR_OWN_RULE")).isEmpty();
        assertThat(LetterClassifier.of("OUR_OWN_RULE", "discount above 30%")).isEqualTo(LetterCategory.VALUE);
    }

    @Test
    void aTargetsRefusalIsSortedByTheTargetsOwnCode() {
        assertThat(LetterClassifier.of("ERP_REJECTED", "the ERP rejected the row: SQLState 23505: Unique index or primary"
                + " key violation")).isEqualTo(LetterCategory.DUPLICATE);
        assertThat(LetterClassifier.of("ERP_REJECTED", "the ERP rejected the row: SQLState 23000: (conn=7) Duplicate"
                + " entry 'X' for key 'uq'")).isEqualTo(LetterCategory.DUPLICATE);
        assertThat(LetterClassifier.of("ERP_REJECTED", "the ERP rejected the document: SQLState 23503: insert or update"
                + " violates foreign key constraint")).isEqualTo(LetterCategory.MISSING_REFERENCE);
        assertThat(LetterClassifier.of("ERP_REJECTED", "the ERP rejected the row: SQLState 08006: An I/O error occurred"))
                .isEqualTo(LetterCategory.CONNECTION);
        assertThat(LetterClassifier.of("ERP_REJECTED", "the ERP rejected the row: SQLState 23513: Check constraint"
                + " NO_REJECT violated")).isEqualTo(LetterCategory.VALUE);
        assertThat(LetterClassifier.of("CRM_REJECTED", "the CRM rejected Account Id=001000000000001AAA: DUPLICATE_VALUE:"
                + " duplicate value found: ERP_Customer_No__c")).isEqualTo(LetterCategory.DUPLICATE);
        assertThat(LetterClassifier.of("CRM_REJECTED", "the CRM rejected ERP_Invoice__c ERP_Invoice_No__c=I-1:"
                + " ENTITY_IS_LOCKED: the entity is locked for editing")).isEqualTo(LetterCategory.LOCKED);
        assertThat(LetterClassifier.of("CRM_REJECTED_WRITE_BACK", "Account 001: REQUEST_LIMIT_EXCEEDED: TotalRequests"
                + " Limit exceeded.")).isEqualTo(LetterCategory.RATE_LIMIT);
        assertThat(LetterClassifier.of("CRM_REJECTED", "the CRM rejected Contact Id=003: INVALID_CROSS_REFERENCE_KEY:"
                + " invalid cross reference id")).isEqualTo(LetterCategory.MISSING_REFERENCE);
        assertThat(LetterClassifier.of("CRM_REJECTED", "the CRM rejected Account Id=001: FIELD_CUSTOM_VALIDATION_EXCEPTION:"
                + " Phone must have 11 digits")).isEqualTo(LetterCategory.VALUE);
    }

    @Test
    void everyCategoryIsFoundByItsLabel() {
        for (LetterCategory c : LetterCategory.values()) {
            assertThat(LetterCategory.byLabel(c.label())).contains(c);
        }
        assertThat(LetterCategory.byLabel("RATE_LIMIT")).contains(LetterCategory.RATE_LIMIT);
        assertThat(LetterCategory.byLabel("nonsense")).isEmpty();
    }

    private static void javaCodes(Map<String, String> codes) throws IOException {
        Map<String, Set<String>> constants = new HashMap<>();
        List<Path> sources;
        try (Stream<Path> s = Files.walk(Path.of("src/main/java"))) {
            sources = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        Map<Path, String> text = new HashMap<>();
        for (Path p : sources) {
            String t = Files.readString(p, StandardCharsets.UTF_8);
            text.put(p, t);
            Matcher m = CONSTANT_DECL.matcher(t);
            while (m.find()) {
                constants.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(m.group(2));
            }
        }
        // codes a record's own object carries to its fail(..) call (problem.code(), e.code())
        for (String holder : List.of("connector/crm/RecordProblem.java", "mapping/MappingException.java")) {
            Matcher m = CONSTANT_DECL.matcher(text.get(Path.of("src/main/java/io/cebridge", holder)));
            while (m.find()) {
                codes.put(m.group(2), holder);
            }
        }
        for (Map.Entry<Path, String> e : text.entrySet()) {
            Matcher call = CALL.matcher(e.getValue());
            while (call.find()) {
                String args = statement(e.getValue(), call.end());
                Matcher built = BUILT.matcher(args);
                while (built.find()) {
                    codes.put(built.group(1) + "SAMPLE" + built.group(2), e.getKey().toString());
                }
                String rest = BUILT.matcher(args).replaceAll("");
                Matcher lit = LITERAL.matcher(rest);
                while (lit.find()) {
                    codes.put(lit.group(1), e.getKey().toString());
                }
                Matcher ref = CONSTANT_REF.matcher(rest.replaceAll("\"[^\"]*\"", ""));
                while (ref.find()) {
                    for (String v : constants.getOrDefault(ref.group(1), Set.of())) {
                        codes.put(v, e.getKey() + " (" + ref.group(1) + ")");
                    }
                }
            }
        }
    }

    /** The call's text up to its closing parenthesis (strings skipped). */
    private static String statement(String source, int from) {
        int depth = 1;
        boolean inString = false;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return source.substring(from, i);
            }
        }
        return source.substring(from);
    }

    private static void scan(Path dir, Pattern pattern, Map<String, String> codes) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Set<String> seen = new TreeSet<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Matcher m = pattern.matcher(Files.readString(p, StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    for (String code : m.group(1).split(",")) {
                        if (seen.add(code.strip())) {
                            codes.putIfAbsent(code.strip(), p.toString());
                        }
                    }
                }
            }
        }
    }
}
