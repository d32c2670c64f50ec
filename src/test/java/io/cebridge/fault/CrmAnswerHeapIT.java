package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Guards: a CRM answer under 10 MB (a huge string, deep nesting, 370,000 tiny records, a 10-million-digit number, wide records) running the Salesforce client out of heap instead of failing its cycle or dead-lettering its record.
class CrmAnswerHeapIT {
    /** The child JVM's heap: a tenth of what the README's benchmarks give ce-bridge. */
    private static final String HEAP = "-Xmx64m";

    @TempDir
    Path tmp;

    @Test
    void noAnswerUnder10MbExhaustsA64MbHeap() throws Exception {
        Map<String, HostileAnswers.Body> answers = HostileAnswers.all();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/services/oauth2/token", ex -> {
            byte[] b = ("{\"access_token\":\"probe-token\",\"instance_url\":\"" + base + "\",\"token_type\":\"Bearer\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.createContext("/services/data/", ex -> {
            String q = URLDecoder.decode(ex.getRequestURI().getRawQuery().substring(2), StandardCharsets.UTF_8);
            HostileAnswers.Body body = answers.get(q.substring(q.lastIndexOf(' ') + 1));
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0); // chunked: no Content-Length, the client counts what arrives
            try (OutputStream out = new BufferedOutputStream(ex.getResponseBody(), 65536)) {
                body.write(out);
            } catch (java.io.IOException stopped) {
                // the client stopped reading: what a limit does
            }
            ex.close();
        });
        server.start();
        try {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    HEAP, "-cp", System.getProperty("java.class.path"), HostileAnswerProbe.class.getName(), base,
                    Integer.toString(HostileAnswers.SIZE + 1_000_000)));
            cmd.addAll(answers.keySet());
            Path log = tmp.resolve("probe.out");
            Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("probe finished").isTrue();
            List<String> lines = Files.readAllLines(log).stream().filter(l -> l.startsWith("ANSWER ")).toList();
            lines.forEach(l -> System.out.println(l.length() > 400 ? l.substring(0, 400) + "..." : l));
            assertThat(child.exitValue()).as(String.join("\n", Files.readAllLines(log))).isZero();
            assertThat(lines).hasSize(answers.size()).noneMatch(l -> l.contains("OUT_OF_MEMORY"));
            assertThat(line(lines, "one_10mb_string")).contains("FAILED CrmAnswerException").contains("String value length");
            assertThat(line(lines, "records_1960_of_5kb")).contains("READ 1923 records, 0 dead-lettered");
            assertThat(line(lines, "exponent_overflow_2000_records")).contains("READ 2000 records, 2000 dead-lettered");
            assertThat(line(lines, "invalid_utf8_10mb")).contains("FAILED CrmAnswerException").contains("not UTF-8 text");
            assertThat(line(lines, "exponents_1e999999999")).contains("FAILED CrmAnswerException").contains("more than 2000");
            assertThat(line(lines, "one_record_1m_fields")).contains("FAILED CrmAnswerException").contains("500000 values");
            assertThat(line(lines, "one_array_5m_numbers")).contains("FAILED CrmAnswerException").contains("500000 values");
            assertThat(line(lines, "nesting_5m_deep")).contains("FAILED CrmAnswerException").contains("nesting depth");
            assertThat(line(lines, "page_nesting_10mb")).contains("FAILED CrmAnswerException").contains("nesting depth");
            assertThat(line(lines, "tiny_records_370k")).contains("FAILED CrmAnswerException").contains("more than 2000");
            assertThat(line(lines, "number_10m_digits")).contains("FAILED CrmAnswerException").contains("beyond Jackson's limit");
        } finally {
            server.stop(0);
        }
    }

    /**
     * The default of bridge.crm.salesforce.max-answer-size against a real page: 2,000 demo accounts (the bundled
     * Northwind accounts, Chinese ones with their USCC) queried with customer-master's fields, batchSize 2,000, as the
     * demo's Salesforce stand-in answers it.
     */
    @Test
    void aPageOf2000AccountsFitsTheDefaultAnswerSizeManyTimesOver() throws Exception {
        io.cebridge.demo.DemoAccountStore store = io.cebridge.demo.DemoAccountStore.empty(java.time.Clock.systemUTC());
        List<Map<String, Object>> seed;
        try (var in = getClass().getResourceAsStream("/demo/crm-accounts.json")) {
            seed = new com.fasterxml.jackson.databind.ObjectMapper().readValue(in, new com.fasterxml.jackson.core.type
                    .TypeReference<List<Map<String, Object>>>() { });
        }
        for (int i = 0; i < 2000; i++) {
            Map<String, Object> row = new java.util.LinkedHashMap<>(seed.get(i % seed.size()));
            row.keySet().removeIf(k -> k.startsWith("_"));
            row.put("Name", row.get("Name") + " " + i);
            store.create(row);
        }
        try (io.cebridge.demo.DemoSalesforceServer sf = new io.cebridge.demo.DemoSalesforceServer(store, "id", "secret")) {
            sf.start(0);
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(http.send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create(sf.loginUrl() + "/services/oauth2/token")).header("Content-Type",
                            "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "grant_type=client_credentials&client_id=id&client_secret=secret")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body()).get("access_token").asText();
            String soql = "SELECT Id, Name, USCC__c, Phone, BillingStreet, BillingCity, BillingState, BillingPostalCode,"
                    + " BillingCountry, CurrencyIsoCode, ERP_Customer_No__c, SystemModstamp, LastModifiedById FROM Account"
                    + " ORDER BY SystemModstamp ASC, Id ASC";
            java.net.http.HttpResponse<byte[]> page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    sf.loginUrl() + "/services/data/v60.0/query?q=" + java.net.URLEncoder.encode(soql,
                            StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token)
                    .header("Sforce-Query-Options", "batchSize=2000").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(page.body()).get("records")).hasSize(2000);
            int bytes = page.body().length;
            System.out.println("PAGE 2000 accounts with customer-master's fields: " + bytes + " bytes; default"
                    + " bridge.crm.salesforce.max-answer-size " + io.cebridge.config.BridgeKeys.SF_MAX_ANSWER_SIZE.defaultValue()
                    + " bytes");
            assertThat((long) bytes * 8).isLessThan(Long.parseLong(io.cebridge.config.BridgeKeys.SF_MAX_ANSWER_SIZE.defaultValue()));
        }
    }

    private static String line(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith("ANSWER " + name + " ")).findFirst().orElseThrow();
    }
}
