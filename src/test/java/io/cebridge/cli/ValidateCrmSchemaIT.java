package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.TestErp;
import io.cebridge.it.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Guards: `validate` passing files the org would refuse on the first run: a mapping writing a field the org does not
// have, a write-back field the org lacks (checked against the demo org's describe, which answers as Salesforce does).
class ValidateCrmSchemaIT {
    @TempDir
    Path tmp;

    @Test
    void theShippedFilesAreValidAndEachMismatchIsNamedWithItsFile() throws Exception {
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp, false);
             DemoSalesforceServer crm = new DemoSalesforceServer(DemoAccountStore.empty(Clock.systemUTC()),
                     new DemoObjectStore(Clock.systemUTC()), "it-client", "it-secret")) {
            crm.start(0);
            Path routes = TestFiles.copyTree(Path.of("routes"), tmp.resolve("routes"));
            Path recordings = TestFiles.copyTree(Path.of("recordings"), tmp.resolve("recordings"));
            Path cfg = Files.createDirectories(tmp.resolve("config"));
            Files.writeString(cfg.resolve("application.properties"), String.join("\n",
                    "bridge.routes-dir=" + routes, "bridge.mappings-dir=" + Path.of("mappings").toAbsolutePath(),
                    "bridge.data-dir=" + tmp.resolve("data"), "bridge.erp.jdbc-url=" + erp.url,
                    "bridge.erp.username=" + erp.user, "bridge.crm.salesforce.login-url=" + crm.loginUrl(),
                    "bridge.crm.salesforce.allow-insecure-http=true", "bridge.crm.salesforce.client-id=it-client",
                    "bridge.flows.customer-master.enabled=true", "bridge.flows.product-catalog.enabled=true", ""));
            // the ERP's own tables: validate also checks every flow's outbound columns, documents' lines included
            System.setProperty("bridge.crm.salesforce.client-secret", "it-secret");
            try {
                ValidateCommandTest.Result ok = ValidateCommandTest.run("validate", "--config", cfg.toString(),
                        "--recordings", recordings.toString());
                assertThat(ok.err()).doesNotContain("INVALID");
                assertThat(ok.code()).isZero();
                assertThat(ok.out()).contains("valid:");

                // a mapping change approved into its recording writes a field the org does not have
                Path writes = recordings.resolve("product-catalog/discontinued-product-with-price-and-stock/expected"
                        + "/crm-writes.json");
                Files.writeString(writes, Files.readString(writes).replace("\"Warehouse_Code__c\" : \"SFO\",",
                        "\"Warehouse_Code__c\" : \"SFO\", \"Bin_Location__c\" : \"A-01\","));
                // and customer-master writes the ERP number back to a field the org lacks
                Path route = routes.resolve("customer-master.yaml");
                Files.writeString(route, Files.readString(route).replace("value: ERP_Customer_No__c}",
                        "value: ERP_Number__c}"));
                ValidateCommandTest.Result bad = ValidateCommandTest.run("validate", "--config", cfg.toString(),
                        "--recordings", recordings.toString());
                assertThat(bad.code()).isEqualTo(1);
                assertThat(bad.err()).contains("INVALID crm: routes/customer-master.yaml: Account.ERP_Number__c: no such"
                        + " field in the org").contains("INVALID crm: mappings/product-catalog/product-to-salesforce"
                        + ".jsonata: ERP_Stock_Level__c.Bin_Location__c: no such field in the org");
            } finally {
                System.clearProperty("bridge.crm.salesforce.client-secret");
            }
        }
    }
}
