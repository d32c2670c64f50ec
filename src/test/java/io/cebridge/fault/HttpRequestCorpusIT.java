package io.cebridge.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Guards: a hostile HTTP request (src/test/resources/hostile/http-requests.json) getting past the token, the body limit or the request parser, or answered with a stack trace, on the runtime's real HTTP server.
class HttpRequestCorpusIT {
    private static final String CORPUS = "/hostile/http-requests.json";
    @TempDir
    static Path tmp;
    private static TestErp erp;
    private static BridgeRuntime runtime;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        erp = TestErp.create(TestErp.Kind.H2, tmp);
        BridgeHarness h = new BridgeHarness(tmp.resolve("data"), "http://127.0.0.1:1", "unused", erp);
        h.overrides.put("bridge.flows.customer-master.enabled", "false"); // the HTTP server alone
        h.overrides.put("bridge.http.api-token", "it-corpus-token");
        h.overrides.put("bridge.http.max-body-size", "4096");
        runtime = new BridgeRuntime(h.config(), false).start();
        port = runtime.httpPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        if (erp != null) {
            erp.close();
        }
    }

    static Stream<Arguments> cases() throws Exception {
        JsonNode corpus;
        try (InputStream in = HttpRequestCorpusIT.class.getResourceAsStream(CORPUS)) {
            corpus = new ObjectMapper().readTree(in);
        }
        List<Arguments> out = new ArrayList<>();
        int i = 0;
        for (JsonNode c : corpus.get("entries")) {
            out.add(Arguments.of(i++, c.get("description").asText(), c));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void eachRequestHasItsExpectedStatusAndNoStackTrace(int index, String description, JsonNode c) throws Exception {
        List<String> traces = new java.util.concurrent.CopyOnWriteArrayList<>();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> capture =
                new ch.qos.logback.core.AppenderBase<>() {
                    @Override
                    protected void append(ch.qos.logback.classic.spi.ILoggingEvent e) {
                        if (e.getThrowableProxy() != null) {
                            traces.add(e.getLoggerName() + ": " + e.getFormattedMessage());
                        }
                    }
                };
        capture.setContext(root.getLoggerContext());
        capture.start();
        root.addAppender(capture);
        String answer;
        try {
            answer = send(c.get("request").asText().getBytes(StandardCharsets.UTF_8));
        } finally {
            root.detachAppender(capture);
        }
        assertThat(traces).as("no stack trace logged").isEmpty();
        int status = answer.startsWith("HTTP/") ? Integer.parseInt(answer.substring(9, 12)) : 0;
        assertThat(status).as(answer.lines().findFirst().orElse("(closed without an answer)"))
                .isEqualTo(c.get("expect").get("status").asInt());
        assertThat(answer).doesNotContain("\tat ").doesNotContain("Exception");
    }

    /** Sends the bytes as they are and reads the answer's status line (the server may close before reading all). */
    private static String send(byte[] request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException refusedMidway) {
                // the server may answer and close before reading all of a body it refuses
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; !got.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n") && (n = in.read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException quietOrReset) {
                // what arrived is the answer
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
