package io.cebridge.connector.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cebridge.config.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** bridge.crm.salesforce.max-answer-size: an answer over it fails its call naming the key, with or without a length. */
class AnswerSizeLimitTest {
    private static final int LIMIT = 65_536;
    private WireMockServer wm;
    private SalesforceClient client;

    @BeforeEach
    void start() {
        wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(post("/services/oauth2/token").willReturn(aResponse().withStatus(200).withHeader("Content-Type",
                "application/json").withBody("{\"access_token\":\"tok\",\"instance_url\":\"" + wm.baseUrl() + "\"}")));
        client = new SalesforceClient(wm.baseUrl(), "id", new Secret("the-secret"), "60.0", Duration.ofSeconds(5), 2000,
                HostPolicy.localStandIn(), LIMIT);
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private static String page(int nameLength) {
        return "{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Account\"},\"Id\":"
                + "\"001000000000001AAA\",\"Name\":\"" + "x".repeat(nameLength) + "\"}]}";
    }

    @Test
    void anAnswerOverTheLimitByItsLengthIsRefusedNamingTheKey() {
        String body = page(LIMIT);
        wm.stubFor(get(urlPathEqualTo("/services/data/v60.0/query")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Content-Length",
                        Integer.toString(body.length())).withBody(body)));
        assertThatThrownBy(() -> client.query("SELECT Id FROM Account")).isInstanceOf(CrmAnswerException.class)
                .hasMessageContaining("bridge.crm.salesforce.max-answer-size").hasMessageContaining("its Content-Length")
                .hasMessageContaining("over the limit of 65536 bytes");
    }

    @Test
    void anAnswerWithoutALengthIsStoppedOnceItPassesTheLimit() {
        wm.stubFor(get(urlPathEqualTo("/services/data/v60.0/query")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Transfer-Encoding", "chunked")
                .withChunkedDribbleDelay(64, 50).withBody(page(4 * LIMIT))));
        assertThatThrownBy(() -> client.query("SELECT Id FROM Account")).isInstanceOf(CrmAnswerException.class)
                .hasMessageContaining("bridge.crm.salesforce.max-answer-size").hasMessageContaining("of more than 65536 bytes")
                .hasMessageContaining("it was not read further");
    }

    @Test
    void anAnswerUpToTheLimitIsRead() {
        String body = page(LIMIT - 200);
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(LIMIT);
        wm.stubFor(get(urlPathEqualTo("/services/data/v60.0/query")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
        assertThat(client.query("SELECT Id FROM Account").records()).singleElement()
                .satisfies(r -> assertThat((String) r.get("Name")).hasSize(LIMIT - 200));
    }

    @Test
    void decodingCountsEachBadSequenceAsOneReplacementAtItsPlace() {
        byte[] bytes = {'a', (byte) 0xC3, 'b', (byte) 0xE4, (byte) 0xB8, 'c', (byte) 0xFF, (byte) 0xFE, (byte) 0xE4,
                (byte) 0xB8, (byte) 0xAD, (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, (byte) 0xED, (byte) 0xA0,
                (byte) 0x80, 'z', (byte) 0xF0, (byte) 0x9F};
        Utf8Body body = Utf8Body.decode(bytes);
        assertThat(body.text()).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        for (int at : body.invalidAt()) {
            assertThat(body.text().charAt(at)).isEqualTo('\uFFFD');
        }
        assertThat(body.invalidAt()).hasSize((int) body.text().chars().filter(c -> c == 0xFFFD).count());
        assertThat(Utf8Body.decode("plain ascii".getBytes(StandardCharsets.UTF_8)).invalidAt()).isEmpty();
    }
}
