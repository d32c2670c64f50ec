package io.cebridge.connector.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cebridge.config.Secret;
import io.cebridge.error.SystemFailureException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guards: the bearer token or the client secret sent to a host a Salesforce answer (or a typo) names. */
class HostPolicyTest {
    private WireMockServer sf;
    private WireMockServer elsewhere;

    @BeforeEach
    void start() {
        sf = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        elsewhere = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        sf.start();
        elsewhere.start();
        elsewhere.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody(
                "{\"totalSize\":0,\"done\":true,\"records\":[]}")));
    }

    @AfterEach
    void stop() {
        sf.stop();
        elsewhere.stop();
    }

    private String sfUrl() {
        return "http://127.0.0.1:" + sf.port();
    }

    private void token(String instanceUrl) {
        sf.stubFor(post("/services/oauth2/token").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"access_token\":\"00Dx!secret-token\","
                        + "\"instance_url\":\"" + instanceUrl + "\",\"token_type\":\"Bearer\"}")));
    }

    private SalesforceClient client() {
        return new SalesforceClient(sfUrl(), "id", new Secret("the-secret"), "60.0", Duration.ofSeconds(2), 2000,
                HostPolicy.localStandIn());
    }

    @Test
    void aNextRecordsUrlNamingAnotherHostGetsNothingSent() {
        token(sfUrl());
        for (String hostile : List.of("@127.0.0.1:" + elsewhere.port() + "/services/data/v60.0/query/01gD-2000",
                "//127.0.0.1:" + elsewhere.port() + "/services/data/v60.0/query/x",
                "http://127.0.0.1:" + elsewhere.port() + "/services/data/v60.0/query/x",
                "/services/data/v60.0/query/x\r\nHost: evil", "/other/path")) {
            assertThatThrownBy(() -> client().queryMore(hostile)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("nextRecordsUrl").hasMessageNotContaining("secret-token");
        }
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
        sf.verify(0, anyRequestedFor(urlPathEqualTo("/other/path")));
    }

    @Test
    void anInstanceUrlOnAHostNotAllowedGetsNoToken() {
        token("http://localhost:" + elsewhere.port()); // another host name than the login's 127.0.0.1
        assertThatThrownBy(() -> client().query("SELECT Id FROM Account")).isInstanceOf(SystemFailureException.class)
                .hasMessageContaining("instance_url host 'localhost'").hasMessageNotContaining("secret-token");
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void plainHttpIsRefusedUnlessAllowedForAStandIn() {
        assertThatThrownBy(() -> new SalesforceClient(sfUrl(), "id", new Secret("the-secret"), "60.0",
                Duration.ofSeconds(2), 2000, HostPolicy.standard())).isInstanceOf(SystemFailureException.class)
                .hasMessageContaining("not https").hasMessageContaining("allow-insecure-http");
        sf.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void salesforceDomainsAndTheLoginHostAreAllowedOverHttpsOnly() {
        HostPolicy p = HostPolicy.standard();
        URI login = URI.create("https://login.salesforce.com");
        assertThat(p.instance("https://acme.my.salesforce.com", login)).isEqualTo("https://acme.my.salesforce.com");
        assertThat(p.instance("https://na1.force.com", login)).isEqualTo("https://na1.force.com");
        assertThat(p.instance("https://login.salesforce.com/", login)).isEqualTo("https://login.salesforce.com");
        for (String bad : List.of("https://salesforce.com.evil.example", "https://evilsalesforce.com",
                "http://acme.my.salesforce.com", "https://user@acme.my.salesforce.com", "https://attacker.example")) {
            assertThatThrownBy(() -> p.instance(bad, login)).as(bad).isInstanceOf(SystemFailureException.class);
        }
        HostPolicy custom = new HostPolicy(List.of("crm.example.cn"), false);
        assertThat(custom.instance("https://crm.example.cn", login)).isEqualTo("https://crm.example.cn");
        assertThatThrownBy(() -> custom.instance("https://acme.my.salesforce.com", login))
                .isInstanceOf(SystemFailureException.class);
    }
}
