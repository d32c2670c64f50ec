package io.cebridge.flow.kingdee;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.runtime.OnceRunner;
import io.cebridge.store.DeadLetter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Every log line (at DEBUG), failure text and dead letter of Kingdee runs, scanned for the app secret and session ids. */
class KingdeeSecretLeakIT {
    private static final String SECRET = "kd-SECRET-5e1f0a";
    @TempDir
    Path tmp;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private AppenderBase<ILoggingEvent> capture;
    private final Map<Logger, ch.qos.logback.classic.Level> levels = new java.util.HashMap<>();

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
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(capture);
        ctx.getLoggerList().forEach(l -> {
            if (l.getLevel() != null) {
                levels.put(l, l.getLevel());
                l.setLevel(ch.qos.logback.classic.Level.DEBUG);
            }
        });
    }

    @AfterEach
    void stopCapture() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(capture);
        levels.forEach(Logger::setLevel);
    }

    // Guards: the Kingdee app secret or a kdservice-sessionid reaching a log line, an exception text or a dead letter.
    @Test
    void noSecretOrSessionIdInLogsFailuresOrDeadLetters() throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        for (int i = 0; i < 30; i++) {
            accounts.create(Map.of("Name", "泄露检查客户 " + i));
        }
        accounts.create(Map.of("Name", "长".repeat(100)));
        try (KingdeeStandIn kingdee = KingdeeStandIn.standard(SECRET, "F_CRM_ID").start(0);
             DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "it-client", "it-secret");
             TestErp unused = TestErp.create(TestErp.Kind.H2, tmp)) {
            crm.start(0);
            kingdee.expireSessionsAfter(1);
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", unused);
            h.overrides.remove("bridge.erp.jdbc-url");
            h.overrides.putAll(kingdee.bridgeSettings(SECRET));
            List<DeadLetter> letters;
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), true)) {
                runtime.start();
                assertThat(new OnceRunner(runtime, Duration.ofMinutes(2)).await()).isEmpty();
                letters = runtime.store().deadLetters().list(null, true);
            }
            assertThat(letters).hasSize(1);

            h.overrides.put("bridge.erp.kingdee.app-secret", SECRET + "-wrong");
            h.overrides.put("bridge.kafka.topic-prefix", h.topicPrefix + "wrong.");
            accounts.create(Map.of("Name", "再来一个"));
            Optional<String> failure;
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), true)) {
                runtime.start();
                failure = new OnceRunner(runtime, Duration.ofMinutes(2)).await();
            }
            assertThat(failure).hasValueSatisfying(f -> assertThat(f).contains("app-secret"));

            String everything = String.join("\n", lines) + "\n" + failure.get() + "\n"
                    + letters.stream().map(d -> d.reason() + d.payload()).reduce("", String::concat);
            assertThat(lines).hasSizeGreaterThan(50);
            assertThat(kingdee.issuedSessions()).as("a session lost and a new one").hasSizeGreaterThanOrEqualTo(2);
            assertThat(everything).doesNotContain("SECRET");
            for (String session : kingdee.issuedSessions()) {
                assertThat(everything).doesNotContain(session);
            }
        }
    }
}
