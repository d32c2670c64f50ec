package io.cebridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

// Guards: the HTTP server open to the network, tokens taken from URLs, connections held open by slow or silent
// clients, bodies read without limit, stack traces for a client's bad request, and a start without its HTTP server.
class HttpHardeningIT {
    private static final String OLD = "it-token-old";
    private static final String NEW = "it-token-new";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    static Path tmp;
    private static TestErp erp;
    private static BridgeRuntime runtime;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        erp = TestErp.create(TestErp.Kind.H2, tmp);
        BridgeHarness h = harness(tmp.resolve("data"));
        h.overrides.put("bridge.http.api-token", OLD + "," + NEW);
        h.overrides.put("bridge.http.header-timeout", "1s");
        h.overrides.put("bridge.http.idle-timeout", "2s");
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

    private static BridgeHarness harness(Path data) {
        BridgeHarness h = new BridgeHarness(data, "http://127.0.0.1:1", "unused", erp);
        h.overrides.put("bridge.flows.customer-master.enabled", "false"); // the HTTP server alone
        return h;
    }

    @Test
    void bindsToLoopbackOnlyByDefault() throws Exception {
        assertThat(get("/health", null, Map.of()).statusCode()).isEqualTo(200);
        // 127.0.0.2 is this machine too, but not the address bound: a server on 0.0.0.0 would answer it
        try (Socket s = new Socket()) {
            assertThatThrownBy(() -> s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), port), 2000))
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void eachConfiguredTokenIsAccepted() throws Exception {
        for (String token : List.of(OLD, NEW)) {
            assertThat(get("/api/stock/NO-SUCH-PRODUCT", token, Map.of()).statusCode()).as(token).isEqualTo(404);
        }
        assertThat(get("/api/stock/NO-SUCH-PRODUCT", OLD + "," + NEW, Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenInTheQueryIsRefused() throws Exception {
        HttpResponse<String> inQuery = get("/api/stock/NO-SUCH-PRODUCT?Authorization=Bearer%20" + NEW, null, Map.of());
        assertThat(inQuery.statusCode()).isEqualTo(401);
    }

    @Test
    void answersAreNotCached() throws Exception {
        assertThat(get("/api/stock/NO-SUCH-PRODUCT", NEW, Map.of()).headers().firstValue("Cache-Control"))
                .hasValue("no-store");
        assertThat(get("/api/stock/NO-SUCH-PRODUCT", null, Map.of()).headers().firstValue("Cache-Control"))
                .hasValue("no-store");
        assertThat(get("/health", null, Map.of()).headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void headOnHealthAnswersTheStatusWithoutBody() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithOneWarningAndNoStackTrace() throws Exception {
        List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
                    events.add(e);
                }
            }
        };
        capture.setContext(root.getLoggerContext());
        capture.start();
        root.addAppender(capture);
        try {
            byte[] tenMegabytes = new byte[10 * 1024 * 1024];
            int status;
            try {
                status = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .method("GET", HttpRequest.BodyPublishers.ofByteArray(tenMegabytes))
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (java.io.IOException closedWhileSending) {
                status = -1; // the server answered 413 and closed before the client had sent everything
            }
            assertThat(status).isIn(413, -1);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("bridge.http.max-body-size")));
            // one WARN line per refused request; Java's client may send the GET again on a new connection once the
            // server has closed the first, so there can be two requests, each from its own client port
            assertThat(events).as("WARN or ERROR lines").isNotEmpty().allSatisfy(e -> {
                assertThat(e.getThrowableProxy()).as("stack trace").isNull();
                assertThat(e.getFormattedMessage()).contains("GET /health").contains("bridge.http.max-body-size");
            });
            assertThat(events.stream().map(e -> e.getFormattedMessage().replaceAll("^HTTP client (\\S+) .*$", "$1")))
                    .as("one line per request").doesNotHaveDuplicates();
        } finally {
            root.detachAppender(capture);
        }
        assertThat(get("/health", null, Map.of()).statusCode()).as("still serving").isEqualTo(200);
    }

    @Test
    void aClientTricklingItsHeadersIsDisconnected() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            AtomicBoolean closed = new AtomicBoolean();
            Thread reader = new Thread(() -> {
                try {
                    while (in.read() != -1) {
                        // an answer would be a failure too; the header timeout closes without one
                    }
                } catch (java.io.IOException e) {
                    // reset: closed as well
                }
                closed.set(true);
            });
            reader.start();
            // one header byte every 200 ms keeps any idle timeout from firing; only a header timeout ends this
            await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!closed.get()) {
                    try {
                        out.write('x');
                        out.flush();
                    } catch (java.io.IOException e) {
                        return true;
                    }
                }
                return closed.get();
            });
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write("HEAD /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(15_000);
            InputStream in = s.getInputStream();
            long t0 = System.nanoTime();
            int b;
            while ((b = in.read()) != -1) {
                // the answer, then the server closes the silent connection
            }
            assertThat((System.nanoTime() - t0) / 1e9).as("seconds until closed").isLessThan(10);
        }
    }

    @Test
    void aPortInUseStopsTheStartWithExitCode1NamingTheKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            BridgeHarness h = harness(tmp.resolve("data-port-in-use"));
            h.overrides.put("bridge.crm.salesforce.client-id", ""); // no flow, no CRM: only the HTTP server can fail
            h.overrides.put("bridge.http.port", Integer.toString(taken.getLocalPort()));
            java.io.PrintStream old = System.err;
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
            int code;
            try {
                // a start that went on without its HTTP server would block here until stopped
                code = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofMinutes(2),
                        () -> io.cebridge.cli.RunCommandAccess.run(h.config()));
            } finally {
                System.setErr(old);
            }
            assertThat(code).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("ce-bridge did not start")
                    .contains("bridge.http.port " + taken.getLocalPort()).contains("Address already in use")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void withAKeystoreTheServerSpeaksHttpsOnly() throws Exception {
        Path keystore = tmp.resolve("server.p12");
        String password = "it-keystore-password";
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "ce-bridge", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", password, "-keypass", password).redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(keytool.waitFor()).as("keytool").isZero();
        BridgeHarness h = harness(tmp.resolve("data-tls"));
        h.overrides.put("bridge.http.tls.keystore", keystore.toString());
        h.overrides.put("bridge.http.tls.keystore-password", password);
        try (BridgeRuntime tls = new BridgeRuntime(h.config(), false).start()) {
            java.security.KeyStore trusted = java.security.KeyStore.getInstance("PKCS12");
            try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
                trusted.load(in, password.toCharArray());
            }
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient https = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
            URI health = URI.create("https://127.0.0.1:" + tls.httpPort() + "/health");
            assertThat(https.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            URI plain = URI.create("http://127.0.0.1:" + tls.httpPort() + "/health");
            assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
        }
        h.overrides.put("bridge.http.tls.keystore-password", "not-the-password");
        BridgeRuntime wrong = new BridgeRuntime(h.config(), false);
        try {
            assertThatThrownBy(wrong::start).hasMessageContaining("bridge.http.tls.keystore")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-password"));
        } finally {
            wrong.close();
        }
    }

    private static HttpResponse<String> get(String path, String token, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
