package io.cebridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Per-flow poll positions; a watermark is saved only after the records before it are safely on Kafka. */
public final class WatermarkRepository {
    private final DataSource ds;
    private final String upsertSql;

    WatermarkRepository(DataSource ds, DbKind kind) {
        this.ds = ds;
        this.upsertSql = Upserts.upsert(kind, "bridge_watermark", List.of("flow"), List.of("stamp", "tie_id", "updated_at"));
    }

    public Optional<Watermark> get(String flow) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT stamp, tie_id FROM bridge_watermark WHERE flow = ?")) {
            ps.setString(1, flow);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Watermark(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    public void save(String flow, Watermark w) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(upsertSql)) {
            ps.setString(1, flow);
            ps.setString(2, w.stamp());
            ps.setString(3, w.tieId());
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }
}
