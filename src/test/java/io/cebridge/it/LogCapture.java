package io.cebridge.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Collects the messages one logger writes, so that a test can wait until the runtime has demonstrably done something
 * (e.g. retried a failed write N times) instead of waiting for a guessed time.
 */
public final class LogCapture implements AutoCloseable {
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final AppenderBase<ILoggingEvent> appender;

    private LogCapture(Class<?> source) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        logger = ctx.getLogger(source);
        appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                messages.add(e.getFormattedMessage());
            }
        };
        appender.setContext(ctx);
        appender.start();
        logger.addAppender(appender);
    }

    public static LogCapture of(Class<?> source) {
        return new LogCapture(source);
    }

    /** Messages so far that contain {@code text}. */
    public long count(String text) {
        return messages.stream().filter(m -> m.contains(text)).count();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
