package io.cebridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoServerAuthTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:15:30.123Z"));
    private DemoSalesforceServer server;
    private DemoCrmClient client;

    @BeforeEach
    void start() {
        server = new DemoSalesforceServer(DemoAccountStore.seeded(clock), "demo-client", "demo-secret");
        server.start(0);
        client = new DemoCrmClient(server.loginUrl());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void clientCredentialsYieldATokenInSalesforceShape() {
        DemoCrmClient.Response response = client.requestToken(
                "grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret");

        assertThat(server.loginUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("access_token").asText()).startsWith("00D000000000001!").hasSizeGreaterThan(40);
        assertThat(response.json().get("instance_url").asText()).isEqualTo(server.loginUrl());
        assertThat(response.json().get("id").asText())
                .isEqualTo(server.loginUrl() + "/id/00D000000000001AAA/005000000000002AAA");
        assertThat(response.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(response.json().get("issued_at").asText()).isEqualTo(Long.toString(clock.millis()));
        assertThat(Base64.getDecoder().decode(response.json().get("signature").asText())).hasSize(32);
    }

    @Test
    void wrongSecretIsInvalidClient() {
        DemoCrmClient.Response response = client.requestToken(
                "grant_type=client_credentials&client_id=demo-client&client_secret=wrong");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(response.json().get("error_description").asText()).isEqualTo("invalid client credentials");
    }

    @Test
    void otherGrantTypesAreUnsupported() {
        DemoCrmClient.Response response = client.requestToken(
                "grant_type=password&client_id=demo-client&client_secret=demo-secret&username=u&password=p");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void dataCallsWithoutTokenAreRejected() {
        DemoCrmClient.Response response = client.query("SELECT Id FROM Account");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
        assertThat(response.json().get(0).get("message").asText()).isEqualTo("Session expired or invalid");
    }

    @Test
    void expiredTokensGet401UntilTheClientLogsInAgain() {
        client.login("demo-client", "demo-secret");
        assertThat(client.query("SELECT Id FROM Account").status()).isEqualTo(200);

        server.expireTokens();
        DemoCrmClient.Response expired = client.query("SELECT Id FROM Account");

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
        assertThat(client.login("demo-client", "demo-secret").query("SELECT Id FROM Account").status())
                .isEqualTo(200);
    }

    @Test
    void unknownPathsAreNotFound() {
        client.login("demo-client", "demo-secret");

        for (String path : new String[] {"/nope", "/services/data/v60.0/limits", "/services/data/v60.0/sobjects/Contact/x"}) {
            DemoCrmClient.Response response = client.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.json().get(0).get("errorCode").asText()).isEqualTo("NOT_FOUND");
            assertThat(response.json().get(0).get("message").asText()).isEqualTo("The requested resource does not exist");
        }
    }

    @Test
    void requestCountCountsByPathPrefix() {
        client.login("demo-client", "demo-secret");
        client.query("SELECT Id FROM Account");
        client.query("SELECT Name FROM Account");
        client.get("/services/data/v60.0/sobjects/Account/001000000000001AAA");

        assertThat(server.requestCount("/services/oauth2/token")).isEqualTo(1);
        assertThat(server.requestCount("/services/data/v60.0/query")).isEqualTo(2);
        assertThat(server.requestCount("/services/data/")).isEqualTo(3);
        assertThat(server.requestCount("/")).isEqualTo(4);
    }
}
