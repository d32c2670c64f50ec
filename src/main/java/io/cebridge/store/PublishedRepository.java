package io.cebridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** What each ERP -> CRM flow last wrote per source document (see V3__published_documents.sql). */
public final class PublishedRepository {
    private static final int IN_CHUNK = 500;
    private final DataSource ds;
    private final DbKind kind;
    private final String upsertSql;

    PublishedRepository(DataSource ds, DbKind kind) {
        this.ds = ds;
        this.kind = kind;
        this.upsertSql = Upserts.upsert(kind, "bridge_published", List.of("flow", "source_id"),
                List.of("source_version", "content_hash", "updated_at"));
    }

    public Map<String, PublishedEntry> find(String flow, Collection<String> sourceIds) throws SQLException {
        Map<String, PublishedEntry> out = new HashMap<>();
        List<String> ids = List.copyOf(sourceIds);
        try (Connection c = ds.getConnection()) {
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
                String sql = "SELECT source_id, source_version, content_hash FROM bridge_published WHERE flow = ?"
                        + " AND " + InList.of(kind, "source_id", chunk.size());
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, flow);
                    InList.bind(kind, ps, 2, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), new PublishedEntry(rs.getString(1), rs.getString(2), rs.getString(3)));
                        }
                    }
                }
            }
        }
        return out;
    }

    public void save(String flow, List<PublishedEntry> entries) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        BatchWrite.run(ds, kind, upsertSql, entries, (ps, e) -> {
            ps.setString(1, flow);
            ps.setString(2, e.sourceId());
            ps.setString(3, e.sourceVersion());
            ps.setString(4, e.contentHash());
            ps.setTimestamp(5, now);
        });
    }
}
