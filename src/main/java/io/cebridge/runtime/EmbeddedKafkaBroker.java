package io.cebridge.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM on a persistent log directory. */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final long START_TIMEOUT_MS = 60_000;
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path logDir;
    private final int fixedPort;
    private int partitions = 3;
    private volatile BrokerPorts ports;
    private volatile KafkaRaftServer server;

    public EmbeddedKafkaBroker(Path logDir, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        this.logDir = logDir.toAbsolutePath().normalize();
        this.fixedPort = port;
    }

    /** Sets num.partitions for auto-created topics; takes effect at the next start. */
    public synchronized EmbeddedKafkaBroker withPartitions(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("partitions must be >= 1: " + n);
        }
        this.partitions = n;
        return this;
    }

    /** Starts the broker, formatting the log directory on first use; returns once clients are served. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        long begin = System.nanoTime();
        ports = BrokerPorts.resolve(logDir, fixedPort, ports);
        Properties props = brokerProperties();
        try {
            io.cebridge.store.DataDirectory.prepare(logDir); // the logs hold customer records: owner-only
            // Kafka writes meta.properties last when formatting, so its presence means a complete format
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(props);
            }
            ports.save(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka log directory " + logDir, e);
        }
        KafkaRaftServer candidate = null;
        try {
            candidate = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            candidate.startup();
            awaitClientRequests(begin);
        } catch (Exception e) { // Scala code may throw checked exceptions undeclared, so RuntimeException is not enough
            if (candidate != null) {
                shutdown(candidate);
            }
            throw new IllegalStateException("embedded Kafka broker on " + bootstrapServers() + " (log dir " + logDir
                    + ") failed to start: " + rootMessage(e), e);
        }
        server = candidate;
        LOG.info("Embedded Kafka broker listening on {} (data in {}), started in {} ms",
                bootstrapServers(), logDir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    }

    /** Stops the broker on a thread of its own (a failure is logged); join the result to wait until it is down. */
    static CompletableFuture<Void> stopInBackground(EmbeddedKafkaBroker broker) {
        return CompletableFuture.runAsync(() -> {
            try {
                broker.stop();
            } catch (RuntimeException e) {
                LOG.warn("error stopping the embedded Kafka broker: {}", e.getMessage());
            }
        }, r -> daemon(r, "ce-bridge-kafka-stop").start());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The address clients connect to; known once the broker has been started at least once (or a fixed port was given). */
    public String bootstrapServers() {
        BrokerPorts p = ports;
        int port = p != null ? p.broker : fixedPort;
        return BrokerPorts.HOST + ":" + port;
    }

    /** Shuts the broker down cleanly (controlled shutdown, logs flushed); it may be started again afterwards. */
    public synchronized void stop() {
        KafkaRaftServer s = server;
        if (s == null) {
            return;
        }
        server = null;
        shutdown(s);
        LOG.info("Embedded Kafka broker on {} stopped", bootstrapServers());
    }

    public boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
    }

    private Properties brokerProperties() {
        String listener = "PLAINTEXT://" + BrokerPorts.HOST + ":" + ports.broker;
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", Integer.toString(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@" + BrokerPorts.HOST + ":" + ports.controller),
                Map.entry("listeners", listener + "," + CONTROLLER_LISTENER + "://" + BrokerPorts.HOST + ":" + ports.controller),
                Map.entry("advertised.listeners", listener),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("num.partitions", Integer.toString(partitions)),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                // few partitions: creating the offsets/transaction topics dominates the first start
                Map.entry("offsets.topic.num.partitions", "4"),
                Map.entry("transaction.state.log.num.partitions", "4"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // Kafka's own deadline for the startup phases, so a stuck start fails instead of hanging forever
                Map.entry("server.max.startup.time.ms", Long.toString(START_TIMEOUT_MS)),
                // faster heartbeats let the controller unfence the broker sooner after (re)start
                Map.entry("broker.heartbeat.interval.ms", "500"),
                // each metadata change (the broker's registration, a topic, the offsets topic) is committed to the
                // metadata log as soon as it is made, not after waiting 25 ms for others to batch with: one node
                // makes them one after the other, and a small run waits for each
                Map.entry("controller.quorum.append.linger.ms", "0"),
                // no no-op metadata record (and its fsync) every 500 ms: with the controller in this same process a
                // broker cannot lose sight of it, which is what those records let brokers notice
                Map.entry("metadata.max.idle.interval.ms", "0"),
                // the default 128 MB compaction buffer is sized for dedicated brokers, not a broker living in our heap
                Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024))));
        return p;
    }

    private void format(Properties brokerProperties) throws IOException {
        // StorageTool's "format" is the supported entry point (the Formatter it wraps is not on our compile class path);
        // it reads the same broker config from a file, so hand it a short-lived copy
        Path configFile = Files.createTempFile("cebridge-kafka-format", ".properties");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String clusterId = Uuid.randomUuid().toString();
        try {
            try (Writer w = Files.newBufferedWriter(configFile)) {
                brokerProperties.store(w, null);
            }
            // Kafka prints progress to a stream; keep it out of stdout and show it only on debug
            int rc = StorageTool.execute(new String[] {"format", "--cluster-id", clusterId, "--config", configFile.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("exit code " + rc + ": " + out.toString(StandardCharsets.UTF_8).trim());
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot format Kafka log directory " + logDir + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(configFile);
        }
        LOG.info("Formatted Kafka log directory {} for cluster {}", logDir, clusterId);
        LOG.debug("{}", out.toString(StandardCharsets.UTF_8).trim());
    }

    // startup() returning means the broker is unfenced; a real request proves the client listener serves traffic
    private void awaitClientRequests(long beginNanos) {
        long remainingMs = START_TIMEOUT_MS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beginNanos);
        if (remainingMs <= 0) {
            throw new IllegalStateException("start took longer than " + START_TIMEOUT_MS / 1000 + " s");
        }
        Map<String, Object> conf = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "cebridge-embedded-kafka-probe");
        try (Admin admin = Admin.create(conf)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) remainingMs)).nodes()
                    .get(remainingMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no answer to client requests within " + START_TIMEOUT_MS / 1000 + " s", e);
        }
    }

    // Kafka wraps the useful part (e.g. "Address already in use") several layers deep
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " <- " + root;
    }

    private static void shutdown(KafkaRaftServer s) {
        s.shutdown();
        s.awaitShutdown();
    }
}
