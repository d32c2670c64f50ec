package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void shippedRoutesAndMappingsAreValid() throws Exception {
        // no flow on: validate would (rightly) ask for the ERP and CRM settings run needs
        Result r = validate("bridge.routes-dir=" + Path.of("routes").toAbsolutePath() + "\nbridge.mappings-dir="
                + Path.of("mappings").toAbsolutePath() + "\nbridge.data-dir=" + tmp.resolve("data")
                + "\nbridge.flows.customer-master.enabled=false\n");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("valid:");
    }

    @Test
    void namesEveryBrokenFileAndKey() throws Exception {
        Path routes = Files.createDirectories(tmp.resolve("routes"));
        // the flow whose key is misspelt below exists because its route file does
        for (String f : new String[] {"customer-master.yaml", "crm-to-erp-templates.yaml", "error-handling.yaml"}) {
            Files.copy(Path.of("routes").resolve(f), routes.resolve(f));
        }
        Files.writeString(routes.resolve("broken.yaml"), "- route:\n    from:\n      uri: timer:x\n      steps:\n"
                + "        - frobnicate: {}\n");
        Files.writeString(routes.resolve("unknown-component.yaml"), "- route:\n    from:\n      uri: timer:y\n"
                + "      steps:\n        - to: \"kafak:topic\"\n");
        Path mappings = Files.createDirectories(tmp.resolve("mappings/customer-master"));
        Files.writeString(mappings.resolve("bad.jsonata"), "{ \"name\": Name");
        Result r = validate("bridge.routes-dir=" + routes + "\nbridge.mappings-dir=" + tmp.resolve("mappings")
                + "\nbridge.flows.customer-master.batch-size=lots\n");
        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).contains("bridge.flows.customer-master.batch-size: expected a whole number")
                .contains("broken.yaml").contains("bad.jsonata")
                .contains("unknown-component.yaml: no component for endpoint 'kafak:topic'");
        // the mapping's line and column, the line and a caret under the column
        assertThat(r.err).contains("INVALID mapping: customer-master/bad.jsonata:1:14: does not compile: Expected \"}\""
                + " before end of expression\n    { \"name\": Name\n    " + " ".repeat(13) + "^");
    }

    @Test
    void namesAnEndpointOptionAFlowFileGetsWrongWithItsFile() throws Exception {
        Path routes = Files.createDirectories(tmp.resolve("routes"));
        for (String f : new String[] {"crm-to-erp-templates.yaml", "error-handling.yaml"}) {
            Files.copy(Path.of("routes").resolve(f), routes.resolve(f));
        }
        Files.writeString(routes.resolve("contacts.yaml"), Files.readString(Path.of("routes/contacts.yaml"))
                .replace("entity=customer&field=accountId", "entity=customer&feild=accountId"));
        Result r = validate("bridge.routes-dir=" + routes + "\nbridge.mappings-dir=" + Path.of("mappings").toAbsolutePath()
                + "\n");
        assertThat(r.code).isEqualTo(1);
        // the line of the templatedRoute whose endpoint is wrong: contacts-delivery's routeId
        int line = java.util.List.of(Files.readString(routes.resolve("contacts.yaml")).split("\n"))
                .indexOf("    routeId: contacts-delivery") + 1;
        assertThat(r.err).contains("contacts.yaml:" + line + " (flow contacts)").contains("step:link has no option 'feild'");
    }

    @Test
    void namesMappingKeysTheErpTableLacks() throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("erp") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (var ds = io.cebridge.store.Pools.open("t", url, "", new io.cebridge.config.Secret(""), 1)) {
            new io.cebridge.erp.reference.ReferenceErpInstaller(ds).install(false);
        }
        Path mappings = Files.createDirectories(tmp.resolve("mappings/customer-master"));
        for (String f : new String[] {"countries.csv", "salesforce-account-to-customer.jsonata"}) {
            Files.copy(Path.of("mappings/customer-master").resolve(f), mappings.resolve(f));
        }
        Files.writeString(mappings.resolve("customer-to-erp-customer.jsonata"),
                Files.readString(Path.of("mappings/customer-master/customer-to-erp-customer.jsonata"))
                        .replace("\"name\": name,", "\"name\": name,\n  \"colour\": name,"));
        Result r = validate("bridge.routes-dir=" + Path.of("routes").toAbsolutePath() + "\nbridge.mappings-dir="
                + tmp.resolve("mappings") + "\nbridge.erp.jdbc-url=" + url + "\nbridge.data-dir=" + tmp.resolve("data") + "\n");
        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).contains("column 'colour' does not exist in ERP table");
    }

    @Test
    void aConfigDirThatDoesNotExistFails() throws Exception {
        Result r = run("validate", "--config", tmp.resolve("no-such-dir").toString());
        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).contains("no-such-dir: no such directory");
        assertThat(run("run", "--once", "--config", tmp.resolve("no-such-dir").toString()).code).isEqualTo(2);
    }

    @Test
    void aJdbcUrlWithoutDriverAndAMissingErpUrlAreNamedWithTheirKey() throws Exception {
        Result r = validate("bridge.routes-dir=" + Path.of("routes").toAbsolutePath() + "\nbridge.mappings-dir="
                + Path.of("mappings").toAbsolutePath() + "\nbridge.data-dir=" + tmp.resolve("data")
                + "\nbridge.flows.customer-master.enabled=false"
                + "\nbridge.erp.jdbc-url=jdbc:oracle:thin:@//erp.example.com:1521/ERP\n");
        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).contains("bridge.erp.jdbc-url: no JDBC driver for 'oracle'");

        Result missing = validate("bridge.routes-dir=" + Path.of("routes").toAbsolutePath() + "\nbridge.mappings-dir="
                + Path.of("mappings").toAbsolutePath() + "\nbridge.data-dir=" + tmp.resolve("data") + "\n");
        assertThat(missing.code).isEqualTo(1);
        assertThat(missing.err).contains("bridge.erp.jdbc-url: required while a flow is enabled (customer-master")
                .contains("bridge.crm.salesforce.client-id: required while a flow is enabled");
    }

    @Test
    void anUnreachableCrmIsNamedWithItsLoginUrlWithinSeconds() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        Result r = validate("bridge.routes-dir=" + Path.of("routes").toAbsolutePath() + "\nbridge.mappings-dir="
                + Path.of("mappings").toAbsolutePath() + "\nbridge.data-dir=" + tmp.resolve("data")
                + "\nbridge.flows.customer-master.enabled=false\nbridge.crm.salesforce.client-id=x"
                + "\nbridge.crm.salesforce.client-secret=never-printed-secret"
                + "\nbridge.crm.salesforce.allow-insecure-http=true"
                + "\nbridge.crm.salesforce.login-url=http://127.0.0.1:" + closed + "\n");
        assertThat(r.code).isEqualTo(1);
        // one try (no retry with back-off); most of the time is the route and mapping checks on a busy machine
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds").isLessThan(30);
        assertThat(r.err).contains("bridge.crm.salesforce.login-url: CRM token endpoint http://127.0.0.1:" + closed)
                .contains("Salesforce not reachable").doesNotContain("never-printed-secret");
    }

    private Result validate(String properties) throws Exception {
        Path cfg = Files.createDirectories(tmp.resolve("config"));
        Files.writeString(cfg.resolve("application.properties"), properties);
        return run("validate", "--config", cfg.toString());
    }

    static Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = BridgeCli.execute(args);
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    record Result(int code, String out, String err) {
    }
}
