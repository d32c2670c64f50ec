package io.cebridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.config.BridgeConfig;
import io.cebridge.config.Secret;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.erp.reference.ReferenceErpInstaller;
import io.cebridge.flow.FlowStats;
import io.cebridge.json.Json;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.runtime.EmbeddedKafkaBroker;
import io.cebridge.runtime.OnceRunner;
import io.cebridge.store.Pools;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark (not a test), issue 15 goal 1: the same N canonical customer records on a Kafka topic delivered into the
 * reference ERP's erp_customer by (a) ce-bridge's customer-master delivery (mapping, cross-reference, dedupe, state
 * writes, ERP upsert; write-back off, the peer has none) and (b) Debezium's JDBC sink connector (upsert on
 * crm_account_id) on a Kafka Connect standalone worker in its own JVM (bench/peer/pom.xml), one after the other on one
 * broker, each into a fresh database of the same kind. The records are made by ce-bridge's own ingest from N
 * generated accounts (phase 0, not measured); the peer gets the rows ce-bridge's outbound mapping makes of them, as
 * Connect JSON with a schema, so both write the same values.
 * Run: mvn -Pbench verify -Dbench.class=io.cebridge.bench.DeliveryPeerBenchmark -Dbench.accounts=200000
 * -Dbench.target=postgresql [-Dbench.runs=R: R rounds (the pom's default 3), each side first in turn, and the medians]
 */
public final class DeliveryPeerBenchmark {
    private static final String USER = "postgres";
    private static final boolean STORE_ON_POSTGRESQL = System.getProperty("bench.store", "").equals("postgresql");
    private static final String OUTBOUND = "customer-master/customer-to-erp-customer.jsonata";
    private static final List<String> COLUMNS = List.of("crm_account_id", "name", "uscc", "phone", "currency",
            "street", "city", "province", "postal_code", "country_code");

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String batch = args.length > 1 && !args[1].isBlank() ? args[1] : "500";
        String target = args.length > 2 ? args[2] : "postgresql";
        if (!target.equals("postgresql")) {
            // tried on H2 (2026-11-30): Debezium's sink has no H2 dialect and does not see the table's columns
            System.out.println("the peer runs on PostgreSQL only (-Dbench.target=postgresql): Debezium's JDBC sink"
                    + " 3.3.1 has no H2 dialect and does not see the columns of an existing H2 table");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("ce-bridge-peer-bench");
        Path peerLib = peerLibraries();
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("kafka"), 0)) {
            broker.start();
            String bootstrap = broker.bootstrapServers();

            String warmUrl = Databases.fresh("ingest");
            ingest(n, dir, bootstrap, warmUrl);
            int partitions = partitions(bootstrap, "a.customer-master");
            copyTopics(bootstrap, partitions, n);

            // -Dbench.runs=R rounds, the side that goes first alternating: one pair of runs tells little, the peer's
            // own rate moved between 11,700 and 17,000 records/s from run to run on this machine
            int rounds = Math.max(1, Integer.getInteger("bench.runs", 1));
            List<Double> ratios = new ArrayList<>();
            List<Double> bridgeRates = new ArrayList<>();
            List<Double> peerRates = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Result bridge = null;
                Result peer = null;
                for (int side = 0; side < 2; side++) {
                    if ((side + round) % 2 == 1) {
                        bridge = bridge(n, batch, dir.resolve("data-bridge-" + round), bootstrap,
                                Databases.fresh("bridge"));
                    } else {
                        peer = peer(n, batch, dir, bootstrap, Databases.fresh("peer"), peerLib, partitions);
                    }
                }
                forgetOffsets(bootstrap); // the next round reads both topics from the start again
                System.out.printf("%nround %d of %d (%s first): %d canonical customers on a %d-partition topic ->"
                        + " erp_customer on %s, batch %s%n", round, rounds, round % 2 == 1 ? "ce-bridge" : "the peer",
                        n, partitions, target, batch);
                System.out.println("ce-bridge's state store: " + (STORE_ON_POSTGRESQL ? "PostgreSQL" : "H2 in its JVM"));
                System.out.println(bridge.line("ce-bridge delivery, delivery-consumers "
                        + (BenchSettings.consumers().isEmpty() ? "default" : BenchSettings.consumers())));
                System.out.println(peer.line("Debezium JDBC sink 3.3.1 (Connect 4.1.1 standalone, 1 task)"));
                System.out.printf("ce-bridge / peer (first row to last) = %.2f%n", bridge.steadyRate() / peer.steadyRate());
                ratios.add(bridge.steadyRate() / peer.steadyRate());
                bridgeRates.add(bridge.steadyRate());
                peerRates.add(peer.steadyRate());
            }
            if (rounds > 1) {
                System.out.printf("%nmedian of %d rounds: ce-bridge %.0f records/s, peer %.0f records/s, ce-bridge / peer"
                        + " %.2f (each round's ratio: %s)%n", rounds, median(bridgeRates), median(peerRates),
                        median(ratios), ratios.stream().map(r -> String.format("%.2f", r)).toList());
            }
            System.out.printf("machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            Databases.drop("ingest", "bridge", "peer", "store");
        }
        io.cebridge.runtime.FileTrees.deleteQuietly(dir); // the broker's log and the stores
        System.exit(0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }

    /** Deletes both sides' consumer groups (their members gone): the next round starts at the topics' beginning. */
    private static void forgetOffsets(String bootstrap) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", bootstrap))) {
            for (String group : List.of("b.customer-master-delivery", "connect-peer-jdbc-sink")) {
                while (true) {
                    try {
                        admin.deleteConsumerGroups(List.of(group)).all().get();
                        break;
                    } catch (java.util.concurrent.ExecutionException e) {
                        // a member that left without saying so is dropped after its session timeout
                        if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupNotEmptyException)
                                || System.nanoTime() > deadline) {
                            throw e;
                        }
                        Thread.sleep(500);
                    }
                }
            }
        }
    }

    /** Phase 0 (not measured): ce-bridge's real ingest makes the canonical records of N accounts on a.customer-master. */
    private static void ingest(int n, Path dir, String bootstrap, String erpUrl) throws Exception {
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        Random rnd = new Random(42);
        for (int i = 0; i < n; i++) {
            accounts.create(InitialLoadBenchmark.account(i, rnd));
        }
        try (DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "bench", "bench-secret")) {
            crm.start(0);
            Map<String, String> o = BenchSettings.of(dir.resolve("data-ingest"), crm.loginUrl(), erpUrl);
            o.put("bridge.erp.username", USER);
            o.put("bridge.kafka.bootstrap-servers", bootstrap);
            o.put("bridge.kafka.topic-prefix", "a.");
            o.put("bridge.flows.customer-master.write-back", "false");
            long t0 = System.nanoTime();
            try (BridgeRuntime runtime = new BridgeRuntime(BridgeConfig.load(null, Map.of(), new Properties(), o), true)) {
                runtime.start();
                Optional<String> failure = new OnceRunner(runtime, Duration.ofHours(1)).await();
                failure.ifPresent(f -> System.out.println("ingest FAILED: " + f));
                System.out.printf("phase 0: %s records made by ce-bridge's ingest in %.1f s (not measured)%n",
                        runtime.stats().of("customer-master").read.get(), (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /**
     * The canonical records of a.customer-master go unchanged to b.customer-master (ce-bridge's measured run) and, as
     * the rows the outbound mapping makes of them, to peer.customers (Connect JSON with schemas, key crm_account_id).
     */
    private static void copyTopics(String bootstrap, int partitions, int n) throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("b.customer-master", partitions, (short) 1),
                    new NewTopic("peer.customers", partitions, (short) 1))).all().get();
        }
        var outbound = MappingRegistry.load(Path.of("mappings").toAbsolutePath()).mapping(OUTBOUND);
        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrap);
        c.put("group.id", "bench-copy");
        c.put("auto.offset.reset", "earliest");
        c.put("enable.auto.commit", "false");
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("linger.ms", "20");
        p.put("compression.type", "none");
        int copied = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new StringDeserializer());
             KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                     new StringSerializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new TopicPartition("a.customer-master", i));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long end = consumer.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
            while (copied < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
                    producer.send(new ProducerRecord<>("b.customer-master", r.partition(), r.key(), r.value()));
                    Object row = outbound.apply(Json.readMap(r.value()));
                    producer.send(new ProducerRecord<>("peer.customers", r.partition(), ConnectJson.key(r.key()),
                            ConnectJson.value(Json.MAPPER.valueToTree(row))));
                    copied++;
                }
            }
            producer.flush();
        }
        if (copied != n) {
            System.out.printf("note: %d records on the topic for %d accounts%n", copied, n);
        }
    }

    /** ce-bridge's customer-master delivery of b.customer-master, with nothing new in the CRM to ingest. */
    private static Result bridge(int n, String batch, Path dataDir, String bootstrap, String erpUrl) throws Exception {
        try (DemoSalesforceServer crm = new DemoSalesforceServer(DemoAccountStore.empty(Clock.systemUTC()), "bench",
                "bench-secret")) {
            crm.start(0);
            Map<String, String> o = BenchSettings.of(dataDir, crm.loginUrl(), erpUrl);
            o.put("bridge.erp.username", USER);
            o.put("bridge.kafka.bootstrap-servers", bootstrap);
            o.put("bridge.kafka.topic-prefix", "b.");
            o.put("bridge.flows.customer-master.write-back", "false");
            o.put("bridge.flows.customer-master.batch-size", batch);
            o.put("bridge.http.enabled", "false");
            // -Dbench.store=postgresql: the state store in a fresh PostgreSQL database instead of H2 in this JVM
            if (STORE_ON_POSTGRESQL) {
                o.put("bridge.store.jdbc-url", Databases.empty("store"));
                o.put("bridge.store.username", USER);
            }
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            try (BridgeRuntime runtime = new BridgeRuntime(BridgeConfig.load(null, Map.of(), new Properties(), o), false);
                 RowWatch rows = new RowWatch(erpUrl, DeliveryPeerBenchmark::processCpuNanos)) {
                runtime.start();
                rows.awaitCount(n, t0);
                FlowStats.Counters counters = runtime.stats().of("customer-master");
                System.out.println("ce-bridge: " + runtime.stats().summaryLine("customer-master"));
                return new Result(n, rows, t0, processCpuNanos() - cpu0,
                        "this JVM, embedded broker included" + (counters.deadLettered.get() > 0
                        ? "; " + counters.deadLettered.get() + " dead-lettered" : ""));
            }
        }
    }

    /** Debezium's JDBC sink on a Connect standalone worker in its own JVM, started after the topic is full. */
    private static Result peer(int n, String batch, Path dir, String bootstrap, String erpUrl, Path lib, int tasks)
            throws Exception {
        Path worker = dir.resolve("worker.properties");
        Files.writeString(worker, String.join("\n",
                "bootstrap.servers=" + bootstrap,
                "key.converter=org.apache.kafka.connect.json.JsonConverter",
                "value.converter=org.apache.kafka.connect.json.JsonConverter",
                "key.converter.schemas.enable=true",
                "value.converter.schemas.enable=true",
                "offset.storage.file.filename=" + dir.resolve("connect.offsets"),
                "consumer.max.poll.records=" + batch,
                "consumer.auto.offset.reset=earliest",
                "listeners=http://127.0.0.1:0", ""));
        Path sink = dir.resolve("sink.properties");
        Files.writeString(sink, String.join("\n",
                "name=peer-jdbc-sink",
                "connector.class=io.debezium.connector.jdbc.JdbcSinkConnector",
                "tasks.max=1",
                "topics=peer.customers",
                "connection.url=" + erpUrl,
                "connection.username=" + USER,
                "connection.password=",
                "insert.mode=upsert",
                "delete.enabled=false",
                "primary.key.mode=record_key",
                "primary.key.fields=crm_account_id",
                "schema.evolution=none",
                "collection.name.format=erp_customer",
                "batch.size=" + batch,
                "use.time.zone=UTC", ""));
        Path log = dir.resolve("peer-worker.log");
        long t0 = System.nanoTime();
        Process worker0 = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", lib.toAbsolutePath() + File.separator + "*",
                "org.apache.kafka.connect.cli.ConnectStandalone", worker.toString(), sink.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        java.util.function.LongSupplier workerCpu = () -> worker0.info().totalCpuDuration().map(Duration::toNanos)
                .orElse(0L);
        try (RowWatch rows = new RowWatch(erpUrl, workerCpu)) {
            rows.awaitCount(n, t0, worker0, log);
            long cpu = workerCpu.getAsLong();
            return new Result(n, rows, t0, cpu,
                    "the worker's JVM; the broker serving it not counted");
        } finally {
            worker0.destroy();
            // Connect's shutdown hook once hung for good (Jetty "Unable to destroy ... STARTED"): the rows are counted
            if (!worker0.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                worker0.destroyForcibly().waitFor();
            }
        }
    }

    private static int partitions(String bootstrap, String topic) throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", bootstrap))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    /** The peer's class path, resolved once by Maven into bench/peer/target/peer-lib. */
    private static Path peerLibraries() throws Exception {
        Path lib = Path.of("bench", "peer", "target", "peer-lib");
        if (!Files.isDirectory(lib)) {
            System.out.println("resolving the peer's libraries: mvn -q -f bench/peer/pom.xml dependency:copy-dependencies");
            int code = new ProcessBuilder("mvn", "-q", "-f", "bench/peer/pom.xml", "dependency:copy-dependencies")
                    .inheritIO().start().waitFor();
            if (code != 0) {
                throw new IllegalStateException("could not resolve the peer's libraries (exit " + code + ")");
            }
        }
        return lib;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** One side's figures: times from its start, CPU of its process. */
    private record Result(int n, long firstRowNanos, long lastRowNanos, long cpuNanos, String cpuOf, Watched watched) {
        Result(int n, RowWatch rows, long t0, long cpuNanos, String cpuOf) {
            this(n, rows.firstRowNanos - t0, rows.lastRowNanos - t0, cpuNanos, cpuOf, rows.watched());
        }

        double steadyRate() {
            return n / ((lastRowNanos - firstRowNanos) / 1e9);
        }

        String line(String who) {
            return String.format("%s: %.0f records/s from first row to last (%.1f s), %.1f s from its start incl."
                    + " start-up, CPU %.0f µs per record (%s); first row to last, per record: its process %.0f µs,"
                    + " PostgreSQL %.0f µs, machine %.0f %% busy", who, steadyRate(), (lastRowNanos - firstRowNanos) / 1e9,
                    lastRowNanos / 1e9, cpuNanos / 1e3 / n, cpuOf, watched.clientNanos() / 1e3 / n,
                    watched.postgresNanos() / 1e3 / n,
                    watched.machineBusy() * 100);
        }
    }

    /**
     * From the first row to the last: PostgreSQL's CPU (every backend: the side's writes and the watcher's counts,
     * the same for both sides) and how busy the machine was (2 cores: 100 % is both).
     */
    private record Watched(long clientNanos, long postgresNanos, double machineBusy) {
    }

    /** Watches erp_customer's row count (a benchmark may poll; tests wait on conditions). */
    private static final class RowWatch implements AutoCloseable {
        private final HikariDataSource ds;
        long firstRowNanos;
        long lastRowNanos;

        private final java.util.function.LongSupplier clientCpu;
        private long clientAtFirst;
        private long clientAtLast;
        private long postgresAtFirst;
        private long[] machineAtFirst;
        private long postgresAtLast;
        private long[] machineAtLast;

        /** {@code clientCpu}: the writing side's process CPU in nanoseconds, read at the first row and the last. */
        RowWatch(String url, java.util.function.LongSupplier clientCpu) {
            ds = Pools.open("bench-watch", url, USER, new Secret(""), 1);
            this.clientCpu = clientCpu;
        }

        Watched watched() {
            long total = machineAtLast[1] - machineAtFirst[1];
            return new Watched(clientAtLast - clientAtFirst,
                    (long) ((postgresAtLast - postgresAtFirst) * CpuTicks.NANOS_PER_TICK),
                    total == 0 ? 0 : (machineAtLast[0] - machineAtFirst[0]) / (double) total);
        }

        void awaitCount(int n, long t0) throws Exception {
            awaitCount(n, t0, null, null);
        }

        void awaitCount(int n, long t0, Process process, Path log) throws Exception {
            long deadline = t0 + Duration.ofHours(1).toNanos();
            while (true) {
                long count = count();
                long now = System.nanoTime();
                if (count > 0 && firstRowNanos == 0) {
                    firstRowNanos = now;
                    clientAtFirst = clientCpu.getAsLong();
                    postgresAtFirst = CpuTicks.postgres();
                    machineAtFirst = CpuTicks.machine();
                }
                if (count >= n) {
                    lastRowNanos = now;
                    clientAtLast = clientCpu.getAsLong();
                    postgresAtLast = CpuTicks.postgres();
                    machineAtLast = CpuTicks.machine();
                    return;
                }
                if (process != null && !process.isAlive()) {
                    throw new IllegalStateException("the peer's worker stopped (exit " + process.exitValue()
                            + "); its log: " + log + "\n" + tail(log));
                }
                if (now > deadline) {
                    throw new IllegalStateException(count + " of " + n + " rows after an hour");
                }
                Thread.sleep(100);
            }
        }

        private long count() throws Exception {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM erp_customer")) {
                rs.next();
                return rs.getLong(1);
            }
        }

        private static String tail(Path log) throws Exception {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }

        @Override
        public void close() {
            ds.close();
        }
    }

    /** Connect's JsonConverter envelope: {"schema": .., "payload": ..}, every column an optional string. */
    private static final class ConnectJson {
        static String key(String crmId) {
            ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "struct").put("optional", false)
                    .put("name", "erp_customer.Key");
            schema.putArray("fields").addObject().put("field", "crm_account_id").put("type", "string")
                    .put("optional", false);
            ObjectNode envelope = Json.MAPPER.createObjectNode();
            envelope.set("schema", schema);
            envelope.putObject("payload").put("crm_account_id", crmId);
            return envelope.toString();
        }

        static String value(JsonNode row) {
            ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "struct").put("optional", false)
                    .put("name", "erp_customer.Value");
            ArrayNode fields = schema.putArray("fields");
            ObjectNode payload = Json.MAPPER.createObjectNode();
            for (String column : COLUMNS) {
                fields.addObject().put("field", column).put("type", "string").put("optional",
                        !column.equals("crm_account_id"));
                JsonNode v = row.get(column);
                payload.set(column, v == null || v.isNull() ? null : Json.MAPPER.getNodeFactory().textNode(v.asText()));
            }
            ObjectNode envelope = Json.MAPPER.createObjectNode();
            envelope.set("schema", schema);
            envelope.set("payload", payload);
            return envelope.toString();
        }
    }

    /** Fresh ERP databases of the reference schema on the local PostgreSQL. */
    private static final class Databases {
        static String fresh(String name) throws Exception {
            String url = empty(name);
            try (HikariDataSource ds = Pools.open("bench-setup", url, USER, new Secret(""), 2)) {
                new ReferenceErpInstaller(ds).install(false);
            }
            return url;
        }

        /** A fresh empty database (the state store's: its migrations make its tables). */
        static String empty(String name) throws Exception {
            String db = "cebridge_peer_" + name + "_" + ProcessHandle.current().pid();
            admin("DROP DATABASE IF EXISTS " + db);
            admin("CREATE DATABASE " + db);
            return "jdbc:postgresql://127.0.0.1:5432/" + db;
        }

        static void drop(String... names) throws Exception {
            for (String name : names) {
                admin("DROP DATABASE IF EXISTS cebridge_peer_" + name + "_" + ProcessHandle.current().pid()
                        + " WITH (FORCE)");
            }
        }

        private static void admin(String sql) throws Exception {
            try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
                    "postgres", ""); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }
}
