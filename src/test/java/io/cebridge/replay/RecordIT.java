package io.cebridge.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.cli.BridgeCli;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.SharedKafka;
import io.cebridge.it.TestErp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards: recordings of real traffic that do not replay, or that leak phone numbers when masking was asked for. */
class RecordIT {
    @TempDir
    Path tmp;

    @Test
    void recordedTrafficReplaysGreenWithPhonesMasked() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        accounts.create(account("阿里巴巴（中国）有限公司", "91330100799655058B", "0571-85022088", "中国"));
        accounts.create(account("阿里巴巴（杭州总部）", "91330100799655058B", "0571-85022099", "中国"));
        accounts.create(account("华为技术有限公司", "914403001922038216", "0755-28780808", "中国"));
        accounts.create(account("格式错误示例有限公司", "9133010079965505", "0571-88886666", "中国"));
        accounts.create(account("Atlantis Trading Ltd", null, "555-0101", "Atlantis"));
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret")) {
            crm.start(0);
            erp.execute("INSERT INTO erp_customer (name, uscc, currency, country_code) VALUES ('华为技术有限公司',"
                    + " '914403001922038216', 'CNY', 'CN')");
            Path cfg = Files.createDirectories(tmp.resolve("config"));
            Properties p = new Properties();
            p.setProperty("bridge.data-dir", tmp.resolve("data").toString());
            p.setProperty("bridge.routes-dir", Path.of("routes").toAbsolutePath().toString());
            p.setProperty("bridge.mappings-dir", Path.of("mappings").toAbsolutePath().toString());
            p.setProperty("bridge.kafka.bootstrap-servers", SharedKafka.bootstrapServers());
            p.setProperty("bridge.kafka.topic-prefix", "it-record.");
            p.setProperty("bridge.crm.salesforce.login-url", crm.loginUrl());
            p.setProperty("bridge.crm.salesforce.allow-insecure-http", "true");
            p.setProperty("bridge.crm.salesforce.client-id", "it-client");
            p.setProperty("bridge.crm.salesforce.client-secret", "it-secret");
            p.setProperty("bridge.erp.jdbc-url", erp.url);
            try (var w = Files.newBufferedWriter(cfg.resolve("application.properties"))) {
                p.store(w, null);
            }
            Path out = tmp.resolve("recordings");
            String rec = cli("record", "--config", cfg.toString(), "--out", out.toString(), "--once", "--mask-pii");
            assertThat(rec).contains("5 case(s) recorded");

            String all;
            try (Stream<Path> s = Files.walk(out)) {
                all = String.join("\n", s.filter(Files::isRegularFile).map(f -> {
                    try {
                        return Files.readString(f);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList());
            }
            assertThat(all).doesNotContain("85022088").doesNotContain("28780808").doesNotContain("0101")
                    .contains("USCC_FORMAT").contains("DUPLICATE_USCC_LINKED").contains("CLAIMED");

            String replay = cli("replay", out.toString());
            assertThat(replay).contains("5 passed, 0 failed");
        }
    }

    private static Map<String, Object> account(String name, String uscc, String phone, String country) {
        Map<String, Object> m = new HashMap<>();
        m.put("Name", name);
        if (uscc != null) {
            m.put("USCC__c", uscc);
        }
        m.put("Phone", phone);
        m.put("BillingCountry", country);
        m.put("CurrencyIsoCode", "CNY");
        return m;
    }

    private static String cli(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = BridgeCli.execute(args);
            String out = buf.toString(StandardCharsets.UTF_8);
            assertThat(code).as(out).isZero();
            return out;
        } finally {
            System.setOut(old);
        }
    }
}
