package io.cebridge.connector.crm.salesforce;

import java.net.http.HttpResponse;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The org's daily API allowance as Salesforce last reported it in an answer's {@code Sforce-Limit-Info} header
 * ({@code api-usage=10018/100000; api-bursts=1/750}): calls used in the last 24 hours out of the org's limit.
 * Only the org-wide {@code api-usage} counts, not {@code per-app-api-usage}; an answer without it changes nothing.
 */
public final class ApiUsage {
    static final String HEADER = "Sforce-Limit-Info";
    private static final Pattern API_USAGE = Pattern.compile("(?:^|[;,]\\s*)api-usage=(\\d{1,18})/(\\d{1,18})");
    private final AtomicReference<long[]> last = new AtomicReference<>();

    /** Notes the header of one answer, if it carries one. */
    public void observe(HttpResponse<?> answer) {
        answer.headers().firstValue(HEADER).ifPresent(this::observe);
    }

    /** Notes one header value; a value without a well-formed api-usage entry is ignored. */
    public void observe(String headerValue) {
        Matcher m = API_USAGE.matcher(headerValue.strip());
        if (m.find()) {
            last.set(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
    }

    /** Calls left of the daily limit (never below 0), when an answer has told. */
    public OptionalLong remaining() {
        long[] usage = last.get();
        return usage == null ? OptionalLong.empty() : OptionalLong.of(Math.max(0, usage[1] - usage[0]));
    }

    /** The org's daily limit, when an answer has told. */
    public OptionalLong limit() {
        long[] usage = last.get();
        return usage == null ? OptionalLong.empty() : OptionalLong.of(usage[1]);
    }

    // whether CRM calls are held back to keep the reserve (ApiReserve), and how often that began: for the metrics
    private volatile boolean paused;
    private final java.util.concurrent.atomic.AtomicLong pauses = new java.util.concurrent.atomic.AtomicLong();

    /** True while CRM calls are held back because the org's allowance is down to the reserve. */
    public boolean paused() {
        return paused;
    }

    /** How many times calls were held back since start. */
    public long pauses() {
        return pauses.get();
    }

    void paused(boolean now) {
        if (now && !paused) {
            pauses.incrementAndGet();
        }
        paused = now;
    }
}
