package io.cebridge.runtime;

import io.cebridge.error.Redactor;
import io.cebridge.error.RetriableException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry decision of the shared error handling (routes/error-handling.yaml): Camel's redelivery repeats the step
 * that failed, with the back-off of its redelivery policy (bridge.retry.*), as long as {@link #retriable} says so;
 * before each pause, {@link #process} turns a server's Retry-After into Camel's per-exchange redelivery delay.
 * Only failures marked {@link RetriableException} (timeouts, HTTP 429/5xx, lost connections) are retried: a record
 * that is wrong is dead-lettered by its step, and a system failure stops its flow.
 */
public final class Redelivery implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(Redelivery.class);
    private final int maxRedeliveries;

    public Redelivery(int maxRedeliveries) {
        this.maxRedeliveries = maxRedeliveries;
    }

    /** The retryWhile predicate: a retriable failure that has not used up its redeliveries yet. */
    public boolean retriable(Exchange exchange) {
        return retriableCause(exchange) != null && attempts(exchange) <= maxRedeliveries;
    }

    /** onExceptionOccurred: called after every failed attempt, before Camel decides and pauses. */
    @Override
    public void process(Exchange exchange) {
        RetriableException e = retriableCause(exchange);
        if (e == null) {
            return;
        }
        int attempts = attempts(exchange);
        String step = failedStep(exchange);
        String reason = Redactor.forLog(e.getMessage());
        if (attempts > maxRedeliveries) {
            LOG.warn("{}: {} still failing after {} attempts ({}); nothing is acknowledged, the next cycle tries again",
                    exchange.getFromRouteId(), step, attempts, reason);
            return;
        }
        if (e.retryAfterMillis() > 0) {
            // the server said when to come back: that replaces this attempt's back-off
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, e.retryAfterMillis());
        }
        LOG.warn("{}: {} failed ({}); retry {}/{}{}", exchange.getFromRouteId(), step, reason, attempts,
                maxRedeliveries, e.retryAfterMillis() > 0 ? " after the " + e.retryAfterMillis() + " ms the server asked for" : "");
    }

    private static int attempts(Exchange exchange) {
        Integer n = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        return n == null ? 1 : n;
    }

    private static RetriableException retriableCause(Exchange exchange) {
        Throwable t = exchange.getException();
        if (t == null) {
            t = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        }
        for (int depth = 0; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof RetriableException r) {
                return r;
            }
        }
        return null;
    }

    /** The endpoint the route last sent to (without its options), or the route when the step is not an endpoint. */
    private static String failedStep(Exchange exchange) {
        String uri = exchange.getProperty(ExchangePropertyKey.TO_ENDPOINT, String.class);
        if (uri == null) {
            return "a step";
        }
        int q = uri.indexOf('?');
        return (q < 0 ? uri : uri.substring(0, q)).replaceFirst("^([A-Za-z0-9+.-]+)://", "$1:");
    }
}
