package io.cebridge.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * ce_bridge_batch_seconds{flow}: how long each delivery batch took, from the Kafka poll that made its exchange to its
 * commit or failure. A delivery route is one consuming topic {prefix}{flow} in group {prefix}{flow}-delivery (both
 * route templates). Camel tells of every completed exchange; the flow code is untouched.
 */
final class DeliveryBatchTimer extends EventNotifierSupport {
    static final String NAME = "ce.bridge.batch";
    static final String DELIVERY_GROUP_SUFFIX = "-delivery";
    private final MeterRegistry registry;
    private final String topicPrefix;
    private final Map<String, Optional<Timer>> byRoute = new ConcurrentHashMap<>();

    DeliveryBatchTimer(MeterRegistry registry, String topicPrefix) {
        this.registry = registry;
        this.topicPrefix = topicPrefix;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        String routeId = exchange.getFromRouteId();
        if (routeId == null) {
            return;
        }
        byRoute.computeIfAbsent(routeId, id -> timerOf(exchange.getContext().getRoute(id)))
                .ifPresent(t -> t.record(exchange.getClock().elapsed(), TimeUnit.MILLISECONDS));
    }

    private Optional<Timer> timerOf(Route route) {
        if (route == null || !(route.getEndpoint() instanceof KafkaEndpoint kafka)) {
            return Optional.empty();
        }
        String topic = kafka.getConfiguration().getTopic();
        String group = kafka.getConfiguration().getGroupId();
        if (topic == null || !topic.startsWith(topicPrefix) || !(topic + DELIVERY_GROUP_SUFFIX).equals(group)) {
            return Optional.empty();
        }
        return Optional.of(timer(registry, topic.substring(topicPrefix.length())));
    }

    /** The histogram of one flow; buckets from 10 ms (a batch of unchanged records) to 2 min (a slow ERP). */
    static Timer timer(MeterRegistry registry, String flow) {
        return Timer.builder(NAME)
                .description("Duration of a delivery batch (one Kafka poll of the flow's delivery consumer), poll to commit")
                .tag("flow", flow)
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
                        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
                        Duration.ofSeconds(120))
                .register(registry);
    }
}
