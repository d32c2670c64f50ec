package io.cebridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.error.RetriableException;
import io.cebridge.error.SystemFailureException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guards: the shipped routes/error-handling.yaml retrying a step by sleeping in it, retrying records that are wrong,
 * losing a server's Retry-After, repeating steps that already succeeded, or leaving a flow running on bad credentials.
 */
class RedeliveryTest {
    private DefaultCamelContext ctx;
    private final FlowFailures failures = new FlowFailures();
    private final AtomicInteger before = new AtomicInteger();
    private final List<Long> attempts = new CopyOnWriteArrayList<>();
    private volatile List<RuntimeException> script = List.of();

    @BeforeEach
    void start() throws Exception {
        ctx = new DefaultCamelContext();
        Properties p = new Properties();
        p.setProperty("derived.retry.initial-delay-ms", "10");
        p.setProperty("derived.retry.max-delay-ms", "40");
        ctx.getPropertiesComponent().setInitialProperties(p);
        ctx.getRegistry().bind("redelivery", new Redelivery(3));
        ctx.getRegistry().bind("flowFailures", failures);
        PluginHelper.getRoutesLoader(ctx).loadRoutes(ResourceHelper.resolveResource(ctx, "file:routes/error-handling.yaml"));
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:deliver").routeId("f-delivery").group("f").routeConfigurationId("bridge-errors")
                        .process(e -> before.incrementAndGet())
                        .process(e -> e.getIn().setBody(e.getIn().getBody(String.class) + "+changed"))
                        .process(this::attempt);
                from("timer:f-poll?period=3600000&delay=3600000").routeId("f-ingest").group("f")
                        .routeConfigurationId("bridge-errors").log("poll");
                from("timer:g-poll?period=3600000&delay=3600000").routeId("g-ingest").group("g")
                        .routeConfigurationId("bridge-errors").log("poll");
            }

            private void attempt(Exchange e) {
                attempts.add(System.nanoTime());
                assertThat(e.getIn().getBody(String.class)).as("each attempt gets the step's input again")
                        .isEqualTo("batch+changed");
                List<RuntimeException> s = script;
                if (attempts.size() <= s.size()) {
                    throw s.get(attempts.size() - 1);
                }
            }
        });
        ctx.start();
    }

    @AfterEach
    void stop() throws Exception {
        ctx.close();
    }

    private Exchange send() {
        return ctx.createProducerTemplate().send("direct:deliver", e -> e.getIn().setBody("batch"));
    }

    private static RetriableException transient_(long retryAfterMillis) {
        return new RetriableException("ERP connection lost", null, retryAfterMillis);
    }

    @Test
    void aTransientFailureIsRetriedAtTheStepThatFailedOnly() {
        script = List.of(transient_(0), transient_(0));
        Exchange done = send();
        assertThat(done.getException()).isNull();
        assertThat(attempts).hasSize(3);
        assertThat(before.get()).as("steps before the failing one ran once").isEqualTo(1);
        assertThat(failures.failure("f-delivery")).isEmpty();
    }

    @Test
    void theServersRetryAfterReplacesTheBackOff() {
        script = List.of(transient_(1200));
        send();
        assertThat(attempts).hasSize(2);
        assertThat(Duration.ofNanos(attempts.get(1) - attempts.get(0))).as("waited the 1.2 s the server asked for, not 10 ms")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1150));
    }

    @Test
    void retriesAreBoundedThenTheBatchFailsUnacknowledged() {
        script = List.of(transient_(0), transient_(0), transient_(0), transient_(0), transient_(0));
        Exchange done = send();
        assertThat(done.getException()).isInstanceOf(RetriableException.class);
        assertThat(attempts).as("1 delivery + 3 redeliveries").hasSize(4);
        assertThat(failures.failure("f-delivery")).contains("ERP connection lost");
        assertThat(failures.stoppedFlows()).isEmpty();
        assertThat(ctx.getRouteController().getRouteStatus("f-ingest")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void aFailureThatIsNotTransientIsNotRetried() {
        script = List.of(new IllegalArgumentException("a bug, not an outage"));
        Exchange done = send();
        assertThat(done.getException()).isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasSize(1);
        assertThat(failures.failure("f-delivery")).contains("a bug, not an outage");
    }

    @Test
    void aSystemFailureStopsEveryRouteOfItsFlowAndNoOther() {
        script = List.of(new SystemFailureException("the ERP refused the login", null));
        send();
        assertThat(attempts).hasSize(1);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                ctx.getRouteController().getRouteStatus("f-ingest") == ServiceStatus.Stopped
                        && ctx.getRouteController().getRouteStatus("f-delivery") == ServiceStatus.Stopped);
        assertThat(failures.stoppedFlows()).containsOnlyKeys("f");
        assertThat(ctx.getRouteController().getRouteStatus("g-ingest")).isEqualTo(ServiceStatus.Started);
    }
}
