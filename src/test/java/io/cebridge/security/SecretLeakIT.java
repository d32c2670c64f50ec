package io.cebridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.runtime.OnceRunner;
import io.cebridge.store.DeadLetter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Guards: a configured secret showing up in a log line, an exception text or a dead letter. */
class SecretLeakIT {
    private static final String CRM_SECRET = "crm-SECRET-7f3a9c";
    private static final String ERP_PASSWORD = "erp-SECRET-41d2e8";
    private static final String STORE_PASSWORD = "store-SECRET-9b77c1";
    @TempDir
    Path tmp;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private AppenderBase<ILoggingEvent> capture;
    private final java.util.Map<Logger, ch.qos.logback.classic.Level> levels = new java.util.HashMap<>();

    @BeforeEach
    void captureEveryLogLine() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                lines.add(e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                        : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())));
            }
        };
        capture.setContext(ctx);
        capture.start();
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(capture);
        ctx.getLoggerList().forEach(l -> {
            if (l.getLevel() != null) {
                levels.put(l, l.getLevel());
                l.setLevel(ch.qos.logback.classic.Level.DEBUG); // scan the chattiest output, not just what ships
            }
        });
    }

    @AfterEach
    void stopCapture() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(capture);
        levels.forEach(Logger::setLevel); // leave the next tests' logging as configured
    }

    @Test
    void noSecretInLogsExceptionsOrDeadLettersOfAFullRunAndAFailedLogin() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.seeded(Clock.systemUTC());
        try (TestErp erp = TestErp.create(TestErp.Kind.POSTGRESQL, tmp);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", CRM_SECRET)) {
            crm.start(0);
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), CRM_SECRET, erp);
            h.overrides.put("bridge.erp.password", ERP_PASSWORD); // trust auth here accepts and ignores it
            h.overrides.put("bridge.store.username", "sa");
            h.overrides.put("bridge.store.password", STORE_PASSWORD);
            List<DeadLetter> letters;
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), true)) {
                runtime.start();
                assertThat(new OnceRunner(runtime, Duration.ofMinutes(2)).await()).isEmpty();
                letters = runtime.store().deadLetters().list(null, true);
            }
            assertThat(letters).isNotEmpty();

            // a wrong secret: the failure text names the keys to fix, never the value
            h.overrides.put("bridge.crm.salesforce.client-secret", CRM_SECRET + "-wrong");
            h.overrides.put("bridge.kafka.topic-prefix", h.topicPrefix + "wrong.");
            Optional<String> failure;
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), true)) {
                runtime.start();
                failure = new OnceRunner(runtime, Duration.ofMinutes(2)).await();
            }
            assertThat(failure).hasValueSatisfying(f -> assertThat(f).contains("client-secret"));

            String everything = String.join("\n", lines) + "\n" + failure.get() + "\n"
                    + letters.stream().map(d -> d.reason() + d.payload()).reduce("", String::concat);
            assertThat(lines).hasSizeGreaterThan(50);
            assertThat(everything).doesNotContain("SECRET");
        }
    }
}
