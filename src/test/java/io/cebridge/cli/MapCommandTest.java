package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MapCommandTest {
    @Test
    void printsWhatTheInboundMappingMakesOfRecordedAccounts() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = BridgeCli.execute("map", "mappings/customer-master/salesforce-account-to-customer.jsonata",
                    Path.of("recordings/customer-master/duplicate-uscc/input.json").toString());
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(out).contains("\"name\" : \"北京百度网讯科技有限公司\"").contains("\"name\" : \"百度在线（北京总部）\"")
                .contains("\"uscc\" : \"91110000802100433B\"");
    }
}
