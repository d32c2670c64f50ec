package io.cebridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards: a mapping read field by field ({@link FieldPlan}) answering otherwise than JSONata's evaluator (a field
 * left out that JSONata keeps as null, a value of another type, a list read as a value, another key order, another
 * error) for any record; and the plan taking a mapping of another shape for one it can read.
 */
class FieldPlanTest {
    private static final Pattern NAME = Pattern.compile("(?<![\\w$\"])[A-Za-z_][A-Za-z0-9_]*");

    static Stream<Path> bundledMappings() throws IOException {
        return Files.walk(Path.of("mappings")).filter(p -> p.toString().endsWith(".jsonata")).sorted();
    }

    @ParameterizedTest
    @MethodSource("bundledMappings")
    void everyBundledMappingAnswersAsJsonataDoesForThousandsOfRecords(Path file) throws Exception {
        MappingRegistry registry = MappingRegistry.load(Path.of("mappings"));
        CompiledMapping m = registry.mapping(Path.of("mappings").relativize(file).toString().replace('\\', '/'));
        sameAnswers(m, names(Files.readString(file)), 3_000);
    }

    @Test
    void theCustomerMappingsAreReadFieldByField() throws Exception {
        MappingRegistry registry = MappingRegistry.load(Path.of("mappings"));
        assertThat(registry.mapping("customer-master/salesforce-account-to-customer.jsonata").readsFields()).isTrue();
        assertThat(registry.mapping("customer-master/customer-to-erp-customer.jsonata").readsFields()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\": x, \"b\": y.z, \"n\": {\"c\": q, \"d\": r.s.t}}",
        "/* c */ {\n \"a\" : x /* c */ , \"b\": y.z\n}\n/* end */",
        "{\"a\": x ? $uppercase(x) : \"none\", \"b\": {\"c\": q & \"!\"}, \"d\": [x, q], \"e\": {\"f\": {}}}",
        "{\"a\": x.y.z, \"b\": (q), \"c\": y.z = 1 ? \"one\" : y.z, \"d\": $string(r)}",
        "{\"a\": x, \"b\": {\"c\": q, \"d\": $count(r)}, \"e\": {}}",
    })
    void shapesAnswerAsJsonataDoes(String source) throws Exception {
        CompiledMapping m = new CompiledMapping("t.jsonata", source, name -> null);
        assertThat(m.readsFields()).as(source).isTrue();
        sameAnswers(m, names(source), 5_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "x", "[{\"a\": x}]", "{\"a\": x}.a", "( $v := x; {\"a\": $v} )", "{\"a\": x, \"a\": y}", "{\"a\\\"b\": x}",
        "{\"a\": x / 2}", "{\"a\": x}[0]", "{\"a\": x} ~> $merge",
    })
    void otherShapesAreLeftToJsonata(String source) throws Exception {
        CompiledMapping m;
        try {
            m = new CompiledMapping("t.jsonata", source, name -> null);
        } catch (MappingException refused) {
            return; // JSONata refuses it (a key given twice): nothing to read
        }
        assertThat(m.readsFields()).as(source).isFalse();
    }

    private static void sameAnswers(CompiledMapping m, List<String> names, int records) {
        Random random = new Random(names.hashCode());
        int read = 0;
        for (int i = 0; i < records; i++) {
            Map<String, Object> input = record(random, names, 0);
            String expected;
            try {
                Object out = m.evaluateByJsonata(input);
                expected = out == null ? "{}" : shown(new LinkedHashMap<>((Map<?, ?>) out));
            } catch (RuntimeException e) {
                expected = "failed";
            }
            String actual;
            try {
                actual = shown(m.apply(input));
            } catch (MappingException e) {
                actual = "failed";
            }
            assertThat(actual).as("%s on %s", m.file(), shown(input)).isEqualTo(expected);
            read++;
        }
        assertThat(read).isEqualTo(records);
    }

    /** A record of the names with values of every kind a decoded JSON record or a CRM's answer holds, or none. */
    private static Map<String, Object> record(Random r, List<String> names, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String n : names) {
            switch (r.nextInt(depth == 0 ? 14 : 10)) {
                case 0 -> { } // missing
                case 1 -> m.put(n, null);
                case 2 -> m.put(n, "text " + r.nextInt(100));
                case 3 -> m.put(n, "");
                case 4 -> m.put(n, r.nextInt(1000));
                case 5 -> m.put(n, r.nextLong());
                case 6 -> m.put(n, new BigDecimal(r.nextInt(100_000)).movePointLeft(2));
                case 7 -> m.put(n, r.nextDouble() * 100);
                case 8 -> m.put(n, r.nextBoolean());
                case 9 -> m.put(n, new BigInteger("123456789012345678901234567890"));
                case 10, 11 -> m.put(n, record(r, names, depth + 1));
                case 12 -> m.put(n, new ArrayList<>(List.of("a", "b")));
                default -> m.put(n, new ArrayList<>(List.of(record(r, names, depth + 1))));
            }
        }
        return m;
    }

    /** The names a mapping reads (and its keys: harmless extras). */
    private static List<String> names(String source) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = NAME.matcher(source.replaceAll("(?s)/\\*.*?\\*/", " "));
        while (m.find()) {
            out.add(m.group());
        }
        return new ArrayList<>(out).subList(0, Math.min(out.size(), 40));
    }

    /** The value with every type written out, nested maps in their order. */
    private static String shown(Object v) {
        if (v instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            map.forEach((k, x) -> sb.append(k).append('=').append(shown(x)).append(';'));
            return sb.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            l.forEach(x -> sb.append(shown(x)).append(';'));
            return sb.append(']').toString();
        }
        return v == null ? "null" : v.getClass().getSimpleName() + ":" + v;
    }
}
