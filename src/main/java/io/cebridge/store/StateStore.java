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

    public StateStore(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection()) {
            this.kind = DbKind.detect(c);
        } catch (SQLException e) {
            throw new IllegalStateException("state store is not reachable: " + e.getMessage(), e);
        }
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/store/" + kind.migrationFolder())
                .table("bridge_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        this.xref = new XrefRepository(dataSource, kind);
        this.watermarks = new WatermarkRepository(dataSource, kind);
        this.deadLetters = new DeadLetterRepository(dataSource);
        this.audit = new AuditRepository(dataSource);
        this.leases = new LeaseRepository(dataSource);
        this.published = new PublishedRepository(dataSource, kind);
    }

    /** Opens the configured store (or the embedded H2 file under the data dir) and migrates it. */
    public static StateStore open(io.cebridge.config.BridgeConfig cfg, int poolSize) {
        String url = cfg.get(io.cebridge.config.BridgeKeys.STORE_URL);
        if (url.isBlank()) {
            // the embedded store's files hold customer data: the data dir is owner-only before H2 creates them
            DataDirectory.prepare(cfg.dataDir());
            url = embeddedUrl(cfg.dataDir());
        }
        HikariDataSource ds = Pools.open("store", url, cfg.get(io.cebridge.config.BridgeKeys.STORE_USER),
                cfg.secret(io.cebridge.config.BridgeKeys.STORE_PASSWORD), poolSize);
        try {
            return new StateStore(ds);
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

    @Override
    public void close() {
        if (dataSource instanceof HikariDataSource h) {
            h.close();
        }
    }
}
