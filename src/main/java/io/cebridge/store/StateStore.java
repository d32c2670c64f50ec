package io.cebridge.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The crash-safe JDBC state store (H2 file, PostgreSQL or MariaDB), migrated to the current schema on open. */
public final class StateStore implements AutoCloseable {
    private final DataSource dataSource;
    private final DbKind kind;
    private final XrefRepository xref;
    private final WatermarkRepository watermarks;
    private final DeadLetterRepository deadLetters;
    private final AuditRepository audit;
    private final LeaseRepository leases;
    private final PublishedRepository published;
    private final OutboxRepository outbox;
    private final CreateClaimRepository createClaims;
    private final LocalCreateClaims localCreateClaims = new LocalCreateClaims();
    /** Set when this process opened the embedded file: serves it to the CLI while open. */
    private volatile StoreServer server;

    public StateStore(DataSource dataSource) {
        this(dataSource, true);
    }

    /** {@code migrate} false: a store another process serves, which that process migrated when it opened it. */
    private StateStore(DataSource dataSource, boolean migrate) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection()) {
            this.kind = DbKind.detect(c);
        } catch (SQLException e) {
            throw new IllegalStateException("state store is not reachable: " + e.getMessage(), e);
        }
        if (migrate) {
            migrate(dataSource, kind);
        }
        this.xref = new XrefRepository(dataSource, kind);
        this.watermarks = new WatermarkRepository(dataSource, kind);
        this.deadLetters = new DeadLetterRepository(dataSource, kind);
        this.audit = new AuditRepository(dataSource, kind);
        this.leases = new LeaseRepository(dataSource);
        this.published = new PublishedRepository(dataSource, kind);
        this.outbox = new OutboxRepository(dataSource, kind);
        this.createClaims = new CreateClaimRepository(dataSource, kind);
    }

    private static void migrate(DataSource dataSource, DbKind kind) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/store/" + kind.migrationFolder())
                .table("bridge_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    /**
     * Opens the configured store (or the embedded H2 file under the data dir) and migrates it. The embedded file
     * can be open in one process only: when another process of this host holds it (a running instance), its
     * {@link StoreServer} is used; otherwise this process opens the file and serves it in turn while it holds it.
     */
    public static StateStore open(io.cebridge.config.BridgeConfig cfg, int poolSize) {
        return open(cfg, poolSize, true);
    }

    /**
     * As {@link #open(io.cebridge.config.BridgeConfig, int)}, for the runtime: it never works through another
     * process's server (a CLI command that holds the file for a moment would take the runtime's store with it when it
     * exits); it opens the file itself, as before, and serves it.
     */
    public static StateStore openForRuntime(io.cebridge.config.BridgeConfig cfg, int poolSize) {
        return open(cfg, poolSize, false);
    }

    private static StateStore open(io.cebridge.config.BridgeConfig cfg, int poolSize, boolean mayUseServed) {
        String url = cfg.get(io.cebridge.config.BridgeKeys.STORE_URL);
        if (!url.isBlank()) {
            return open(cfg, url, poolSize, true);
        }
        // the embedded store's files hold customer data: the data dir is owner-only before H2 creates them
        DataDirectory.prepare(cfg.dataDir());
        java.nio.file.Path storeDir = cfg.dataDir().resolve("store");
        String served = mayUseServed ? StoreServer.runningUrl(storeDir) : null;
        if (served != null) {
            try {
                return open(cfg, served, poolSize, false);
            } catch (RuntimeException e) {
                // the serving process stopped between the look and the connection: the file is free now
                org.slf4j.LoggerFactory.getLogger(StateStore.class).debug("served store gone: {}", e.getMessage());
            }
        }
        StateStore store = open(cfg, embeddedUrl(cfg.dataDir()), poolSize, true);
        store.server = StoreServer.start(storeDir, storeDir.resolve("bridge").toAbsolutePath().toString());
        return store;
    }

    private static StateStore open(io.cebridge.config.BridgeConfig cfg, String url, int poolSize, boolean migrate) {
        HikariDataSource ds = Pools.open("store", url, cfg.get(io.cebridge.config.BridgeKeys.STORE_USER),
                cfg.secret(io.cebridge.config.BridgeKeys.STORE_PASSWORD), poolSize);
        try {
            return new StateStore(ds, migrate);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /** Embedded default: H2 file under the data dir; DB_CLOSE_ON_EXIT=FALSE because we close the pool ourselves. */
    public static String embeddedUrl(java.nio.file.Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("store").resolve("bridge").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DbKind kind() {
        return kind;
    }

    public XrefRepository xref() {
        return xref;
    }

    public WatermarkRepository watermarks() {
        return watermarks;
    }

    public PublishedRepository published() {
        return published;
    }

    public DeadLetterRepository deadLetters() {
        return deadLetters;
    }

    public AuditRepository audit() {
        return audit;
    }

    public LeaseRepository leases() {
        return leases;
    }

    /** Write-backs waiting for a Bulk API 2.0 ingest job (flows in volume mode). */
    public OutboxRepository outbox() {
        return outbox;
    }

    /** Which CRM record may create the ERP record for a shared value (a USCC), across consumers and instances. */
    /**
     * The create claims of a store only this process opens (the embedded file), kept in this process: only its own
     * deliveries can race for a create (see {@link LocalCreateClaims}).
     */
    public LocalCreateClaims localCreateClaims() {
        return localCreateClaims;
    }

    public CreateClaimRepository createClaims() {
        return createClaims;
    }

    @Override
    public void close() {
        StoreServer s = server;
        if (s != null) {
            s.close(); // first: the CLI's sessions end before the pool closes the database
        }
        if (dataSource instanceof HikariDataSource h) {
            h.close();
        }
    }
}
