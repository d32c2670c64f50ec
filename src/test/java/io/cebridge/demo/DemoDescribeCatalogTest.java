package io.cebridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.mapping.YamlFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The demo org's describe metadata covers every object and field the flows read and write, with the properties their
 * writes need: what docs/crm-fields.md lists (create / upsert fields createable, update fields updateable, upsert
 * keys external ids) and what the routes read (fields, children, lookups). Account is typed by {@link AccountFields}.
 */
class DemoDescribeCatalogTest {
    private static final Path DIR = Path.of("src/main/resources/demo/describe");

    @Test
    void theCatalogListsExactlyTheDescribeFiles() throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(DIR)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).toList();
        }
        assertThat(DescribeCatalog.DESCRIBED).containsExactlyInAnyOrderElementsOf(files);
        for (String type : files) {
            SObjectDescribe d = DescribeCatalog.find(type).orElseThrow();
            assertThat(d.name()).isEqualTo(type);
            for (SObjectDescribe.Field f : d.fields().values()) {
                for (String target : f.referenceTo()) {
                    assertThat(List.of("Account", "User", "Group").contains(target)
                            || DescribeCatalog.find(target).isPresent()).as(type + "." + f.name() + " -> " + target)
                            .isTrue();
                }
                assertThat(!f.autoNumber() || !f.createable() && !f.updateable()).as(type + "." + f.name()).isTrue();
            }
        }
    }

    @Test
    void everyFieldAFlowWritesExistsAndTakesTheWriteItGets() throws IOException {
        List<String> checked = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("docs/crm-fields.md"))) {
            String[] cells = line.split("\\|");
            if (cells.length < 4 || !cells[2].contains(" ") || cells[1].isBlank() || cells[1].contains("Object")
                    || cells[1].contains("---")) {
                continue;
            }
            String type = cells[1].strip();
            String how = cells[2].strip();
            if (type.equals("Account")) {
                continue;
            }
            SObjectDescribe d = DescribeCatalog.find(type).orElseThrow(() -> new AssertionError("no describe: " + type));
            if (how.startsWith("upsert by ")) {
                String key = how.substring("upsert by ".length()).strip();
                assertThat(d.field(key).filter(SObjectDescribe.Field::externalId)).as(type + "." + key).isPresent();
            }
            for (String name : cells[3].split(",")) {
                String field = name.strip();
                Optional<SObjectDescribe.Field> f = d.field(field).or(() -> d.byRelationship(field));
                assertThat(f).as(type + "." + field).isPresent();
                if (how.startsWith("update")) {
                    assertThat(f.get().updateable()).as(type + "." + field + " updateable").isTrue();
                } else {
                    assertThat(f.get().createable()).as(type + "." + field + " createable").isTrue();
                }
                checked.add(type + "." + field);
            }
        }
        assertThat(checked).contains("DatedConversionRate.IsoCode", "ERP_Invoice_Line__c.Invoice__r", "Case.ERP_Return_No__c");
    }

    @Test
    void everyFieldARouteReadsExists() throws IOException {
        List<String> checked = new ArrayList<>();
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path route : routes.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Map<String, String> params : templatedRoutes(route)) {
                    if (params.get("fields") != null && params.get("object") != null) {
                        checkRead(params.get("object"), params.get("fields"), checked);
                    }
                    for (String step : List.of("children", "lookup", "alsoLookup")) {
                        Map<String, String> options = options(params.getOrDefault(step, ""));
                        String object = options.getOrDefault("object", "");
                        if (!object.isEmpty()) {
                            String keys = String.join(",", options.getOrDefault("fields", ""),
                                    options.getOrDefault("parentField", "Id"));
                            checkRead(object, keys, checked);
                        }
                    }
                }
            }
        }
        assertThat(checked).contains("Quote.QuoteNumber", "QuoteLineItem.LineNumber", "Return_Line__c.Case__c",
                "Contact.IsDeleted", "Expense__c.Amount__c", "Opportunity.ForecastCategoryName",
                "OpportunityLineItem.Product2Id", "Product2.ERP_Product_Code__c");
    }

    private static void checkRead(String type, String fields, List<String> checked) {
        for (String name : fields.split(",")) {
            String field = name.strip();
            if (field.isEmpty()) {
                continue;
            }
            boolean exists = type.equals("Account") ? AccountFields.find(field).isPresent()
                    : DescribeCatalog.find(type).orElseThrow(() -> new AssertionError("no describe: " + type))
                            .field(field).isPresent();
            assertThat(exists).as(type + "." + field).isTrue();
            checked.add(type + "." + field);
        }
    }

    private static Map<String, String> options(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> templatedRoutes(Path route) {
        List<Map<String, String>> out = new ArrayList<>();
        if (!(YamlFile.read(route) instanceof List<?> entries)) {
            return out;
        }
        for (Object e : entries) {
            if (e instanceof Map<?, ?> m && m.get("templatedRoute") instanceof Map<?, ?> t
                    && t.get("parameters") instanceof List<?> declared) {
                Map<String, String> params = new LinkedHashMap<>();
                for (Object p : declared) {
                    Map<String, Object> param = (Map<String, Object>) p;
                    params.put(String.valueOf(param.get("name")), String.valueOf(param.get("value")));
                }
                out.add(params);
            }
        }
        return out;
    }
}
