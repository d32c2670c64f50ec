package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.FlowCatalog;
import io.cebridge.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The repo's routes, mappings and recordings checked against describe bodies (the demo org's): they pass as they are,
 * and each way an org can differ (a field missing, one not updateable) is named with its file, object and field.
 */
class CrmSchemaCheckTest {
    private static final FlowCatalog ROUTES = FlowCatalog.load("routes");
    private final Map<String, UnaryOperator<Map<String, Object>>> edits = new HashMap<>();

    @Test
    void theShippedFilesFitTheDescribedOrg() {
        CrmSchemaCheck check = check(Path.of("recordings"));
        assertThat(check.check(ROUTES, List.of("customer-master", "product-catalog"))).isEmpty();
        assertThat(check.notes()).isEmpty();
    }

    @Test
    void aFieldTheMappingWritesThatTheOrgLacksIsNamedWithTheMappingFile() {
        edits.put("PricebookEntry", body -> without(body, "UseStandardPrice"));
        assertThat(check(Path.of("recordings")).check(ROUTES, List.of("product-catalog"))).containsExactly(
                "mappings/product-catalog/product-to-salesforce.jsonata: PricebookEntry.UseStandardPrice: no such"
                        + " field in the org");
    }

    @Test
    void aMappedFieldTheOrgCannotUpdateOrAnAutoNumberNameIsNamedWithTheMappingFile() {
        edits.put("Product2", body -> {
            fields(body).stream().filter(f -> f.get("name").equals("Family")).forEach(f -> f.put("updateable", false));
            // an org whose Product2 Name is an Auto Number field: Salesforce fills it and refuses every value sent
            fields(body).stream().filter(f -> f.get("name").equals("Name")).forEach(f -> {
                f.put("autoNumber", true);
                f.put("createable", false);
                f.put("updateable", false);
            });
            return body;
        });
        assertThat(check(Path.of("recordings")).check(ROUTES, List.of("product-catalog"))).containsExactlyInAnyOrder(
                "mappings/product-catalog/product-to-salesforce.jsonata: Product2.Name: not createable (an Auto Number"
                        + " field)",
                "mappings/product-catalog/product-to-salesforce.jsonata: Product2.Family: not updateable: an upsert that"
                        + " matches a record would be refused; name it in createOnly");
    }

    @Test
    void aReadFieldMissingAndAWriteBackFieldNotUpdateableAreNamedWithTheRouteFile() {
        edits.put("Account", body -> {
            Map<String, Object> b = without(body, "USCC__c");
            fields(b).stream().filter(f -> f.get("name").equals("ERP_Customer_No__c"))
                    .forEach(f -> f.put("updateable", false));
            return b;
        });
        assertThat(check(Path.of("recordings")).check(ROUTES, List.of("customer-master"))).containsExactly(
                "routes/customer-master.yaml: Account.USCC__c: read by the flow, but no such field in the org",
                "routes/customer-master.yaml: Account.ERP_Customer_No__c: not updateable");
    }

    @Test
    void aFlowWithoutRecordedCasesIsANoteNotAFailure() {
        CrmSchemaCheck check = check(Path.of("no-such-recordings"));
        assertThat(check.check(ROUTES, List.of("product-catalog"))).isEmpty();
        assertThat(check.notes()).singleElement().asString().contains("product-catalog", "not checked");
    }

    @Test
    void anObjectTheOrgDoesNotHaveIsNamed() {
        edits.put("Account", body -> null);
        assertThat(check(null).check(ROUTES, List.of("customer-master")))
                .contains("routes/customer-master.yaml: Account: the org has no such sObject");
    }

    private CrmSchemaCheck check(Path recordings) {
        return new CrmSchemaCheck(type -> Optional.ofNullable(edits.getOrDefault(type, b -> b).apply(describe(type))),
                Path.of("mappings"), recordings);
    }

    /** The demo org's describe bodies; Account as the demo answers it, with the fields customer-master uses. */
    private static Map<String, Object> describe(String type) {
        if (type.equals("Account")) {
            List<Map<String, Object>> fields = new ArrayList<>();
            for (String f : List.of("Id", "Name", "USCC__c", "Phone", "BillingStreet", "BillingCity", "BillingState",
                    "BillingPostalCode", "BillingCountry", "CurrencyIsoCode", "ERP_Customer_No__c", "SystemModstamp",
                    "LastModifiedById")) {
                boolean system = f.equals("Id") || f.equals("SystemModstamp") || f.equals("LastModifiedById");
                fields.add(new HashMap<>(Map.of("name", f, "type", "string", "length", 255, "createable", !system,
                        "updateable", !system)));
            }
            return new HashMap<>(Map.of("name", "Account", "fields", fields));
        }
        try (InputStream in = CrmSchemaCheckTest.class.getResourceAsStream("/demo/describe/" + type + ".json")) {
            return in == null ? null : Json.readMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fields(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("fields");
    }

    private static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> b = new HashMap<>(body);
        b.put("fields", new ArrayList<>(fields(body).stream().filter(f -> !f.get("name").equals(field)).toList()));
        return b;
    }
}
