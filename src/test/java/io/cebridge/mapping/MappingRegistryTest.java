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

class MappingRegistryTest {
    @TempDir
    Path dir;

    @Test
    void shippedCustomerMappingsCompileAndMapAnAccount() throws Exception {
        MappingRegistry r = MappingRegistry.load(Path.of("mappings"));
        Map<String, Object> account = new HashMap<>();
        account.put("Name", "华为技术有限公司");
        account.put("USCC__c", "914403001922038216");
        account.put("BillingCountry", "中国");
        account.put("BillingState", "广东省");
        Map<String, Object> canonical = r.mapping("customer-master/salesforce-account-to-customer.jsonata").apply(account);
        assertThat(canonical).containsEntry("name", "华为技术有限公司").containsEntry("uscc", "914403001922038216");
        canonical.put("sourceId", "001000000000001AAA");
        Map<String, Object> row = r.mapping("customer-master/customer-to-erp-customer.jsonata").apply(canonical);
        assertThat(row).containsEntry("crm_account_id", "001000000000001AAA").containsEntry("country_code", "CN")
                .containsEntry("province", "广东省").doesNotContainKey("phone");
    }

    @Test
    void unknownValueInStrictValueMapFailsTheRecordNamingTheFile() throws Exception {
        MappingRegistry r = MappingRegistry.load(Path.of("mappings"));
        Map<String, Object> canonical = new HashMap<>(Map.of("sourceId", "x", "name", "n",
                "address", Map.of("country", "Atlantis")));
        assertThatThrownBy(() -> r.mapping("customer-master/customer-to-erp-customer.jsonata").apply(canonical))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("'Atlantis' has no entry in value map countries.csv");
    }

    @Test
    void valueMapKeysListsTheSourceValuesAsTheFileSpellsThemInItsOrder() throws Exception {
        Files.createDirectories(dir.resolve("f"));
        Files.writeString(dir.resolve("f/rows.csv"), "# comment\nkey,value\n Zeta ,1\nalpha,2\n\nMid,3\n");
        Files.writeString(dir.resolve("f/keys.jsonata"), "{ \"keys\": $valueMapKeys(\"rows\") }");
        Files.writeString(dir.resolve("f/one.csv"), "key,value\nonly,1\n");
        Files.writeString(dir.resolve("f/one.jsonata"), "{ \"keys\": $valueMapKeys(\"one\") }");
        MappingRegistry r = MappingRegistry.load(dir);
        assertThat(r.mapping("f/keys.jsonata").apply(Map.of())).containsEntry("keys", List.of("Zeta", "alpha", "Mid"));
        assertThat(r.mapping("f/one.jsonata").apply(Map.of())).containsEntry("keys", List.of("only"));
        Files.writeString(dir.resolve("f/missing.jsonata"), "$valueMapKeys(\"nope\")");
        assertThat(MappingRegistry.check(dir)).singleElement()
                .satisfies(p -> assertThat(p).contains("missing.jsonata").contains("nope"));
    }

    @Test
    void brokenFilesAreAllNamed() throws Exception {
        Files.createDirectories(dir.resolve("f"));
        Files.writeString(dir.resolve("f/bad.jsonata"), "{ \"a\": x");
        Files.writeString(dir.resolve("f/uses-missing.jsonata"), "$valueMap(\"nope\", x)");
        Files.writeString(dir.resolve("f/dup.csv"), "source,target\nA,1\na,2\n");
        assertThat(MappingRegistry.check(dir)).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("bad.jsonata").contains("does not compile"))
                .anySatisfy(p -> assertThat(p).contains("uses-missing.jsonata").contains("nope"))
                .anySatisfy(p -> assertThat(p).contains("dup.csv:3").contains("duplicate source value"));
    }
}
