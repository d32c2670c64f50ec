package io.cebridge.connector.erp.jdbc;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cebridge.connector.HandedOn;
import io.cebridge.connector.LookBack;
import io.cebridge.json.Json;
import io.cebridge.store.Watermark;
import io.cebridge.store.WatermarkRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.Exchange;

/**
 * Change capture by polling: reads each change table ordered by (modification stamp, primary key) from its watermark
 * minus a look-back, a page at a time, and names the documents the changed rows belong to. Rows sharing a stamp are
 * paged by the key tie-break, rows committed late with an earlier stamp are caught by the look-back, and a table's
 * watermark moves only in {@link #commitPage}, after the page's documents are on Kafka.
 * <p>
 * Stamps are compared as the ERP stores them (zone-less), never converted between zones, so DST changes of the
 * runtime's zone cannot skip or repeat rows. With a refresh period set, every document of the refresh table is also
 * read once per period (the financial summary's aging moves with the calendar even when no row changes).
 */
public final class ErpChangePoller implements io.cebridge.connector.ChangeSource {
    public static final String MORE_PAGES = io.cebridge.connector.Paging.MORE_PAGES;
    private static final String TABLE_INDEX = "bridge.erp.table";
    private static final String AFTER = "bridge.erp.after";
    private static final String PAGE_MAX = "bridge.erp.pageMax";
    private static final String REFRESH = "bridge.erp.refreshPeriod";
    private static final String TABLE_READ = "bridge.erp.tableRead";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final TypeReference<List<Object>> KEY_LIST = new TypeReference<>() {
    };

    private final DataSource erp;
    private final WatermarkRepository watermarks;
    private final String flow;
    private final List<ChangeTable> tables;
    private final Duration lookback;
    private final int pageSize;
    /** Rows handed on within the look-back window, per table; re-reading them names no document. */
    private final java.util.Map<String, HandedOn> recent = new java.util.concurrent.ConcurrentHashMap<>();
    /** Most rows remembered per table (see {@link HandedOn}). */
    private int seenLimit = 100_000;
    /** Per table: whether a poll reads the look-back window again (not once it has settled). */
    private final java.util.Map<String, LookBack> windows = new java.util.concurrent.ConcurrentHashMap<>();
    private ChangeTable refreshTable;
    private Supplier<String> refreshPeriod;

    public ErpChangePoller(DataSource erp, WatermarkRepository watermarks, String flow, List<ChangeTable> tables,
                           Duration lookback, int pageSize) {
        this.erp = erp;
        this.watermarks = watermarks;
        this.flow = flow;
        this.tables = List.copyOf(tables);
        this.lookback = lookback;
        this.pageSize = pageSize;
    }

    /** Caps the rows remembered per table; for tests. */
    ErpChangePoller seenLimit(int rows) {
        this.seenLimit = rows;
        return this;
    }

    /** Also reads every row of {@code table} once per period named by {@code period} (e.g. today's date). */
    public ErpChangePoller refreshEvery(ChangeTable table, Supplier<String> period) {
        this.refreshTable = table;
        this.refreshPeriod = period;
        return this;
    }

    /** Body out: the changed documents of the next page (list of {@link DocumentRef}); sets {@value #MORE_PAGES}. */
    @Override
    public void readPage(Exchange exchange) throws SQLException {
        int index = exchange.getProperty(TABLE_INDEX, 0, Integer.class);
        if (index == 0 && exchange.getProperty(AFTER) == null && refreshTable != null) {
            String due = refreshPeriod.get();
            boolean done = watermarks.get(refreshName()).map(w -> w.stamp().equals(due)).orElse(false);
            exchange.setProperty(REFRESH, done ? null : due);
        }
        boolean refreshing = index == tables.size();
        ChangeTable t = refreshing ? refreshTable : tables.get(index);
        Watermark after = exchange.getProperty(AFTER, Watermark.class);
        List<Watermark> rows = new ArrayList<>();
        Set<DocumentRef> docs = new LinkedHashSet<>();
        HandedOn seen = refreshing ? new HandedOn(0) : handedOn(t.table());
        Optional<Watermark> saved = after != null || refreshing ? Optional.empty() : watermarks.get(watermarkName(t));
        // no watermark yet: no lower bound at all, so rows with a zero or missing stamp are read too
        Mode mode = after != null ? Mode.AFTER_POSITION : saved.isEmpty() ? Mode.ALL
                : windows.computeIfAbsent(t.table(), k -> new LookBack(lookback)).reread(saved.get().stamp())
                ? Mode.FROM_STAMP : Mode.AFTER_STAMP;
        try (Connection c = erp.getConnection(); PreparedStatement ps = c.prepareStatement(sql(t, mode))) {
            int p = 1;
            if (mode == Mode.AFTER_POSITION) {
                p = bindAfter(ps, p, t, after);
            } else if (mode == Mode.FROM_STAMP) {
                ps.setObject(p++, LocalDateTime.parse(saved.get().stamp()).minus(lookback));
            } else if (mode == Mode.AFTER_STAMP) {
                ps.setObject(p++, LocalDateTime.parse(saved.get().stamp()));
            }
            ps.setInt(p, pageSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String doc = String.valueOf(rs.getObject(1));
                    LocalDateTime stamp = rs.getObject(2, LocalDateTime.class);
                    if (stamp == null) {
                        // a zero or missing stamp (MariaDB 0000-00-00) sorts first: read once, never blocking the table
                        stamp = LocalDateTime.of(1, 1, 1, 0, 0);
                    }
                    List<Object> key = new ArrayList<>();
                    for (int i = 0; i < t.keyColumns().size(); i++) {
                        key.add(keyValue(rs.getObject(3 + i)));
                    }
                    Watermark row = new Watermark(STAMP.format(stamp), Json.write(key));
                    rows.add(row);
                    if (!seen.contains(row.tieId(), row.stamp())) {
                        docs.add(new DocumentRef(t.documentType(), doc)); // new or changed since it was last handed on
                    }
                }
            }
        }
        boolean full = rows.size() == pageSize;
        Watermark last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        exchange.setProperty(PAGE_MAX, last == null || refreshing ? null : new TableMark(t, last, rows));
        int next = full ? index : index + 1;
        exchange.setProperty(AFTER, full ? last : null);
        exchange.setProperty(TABLE_INDEX, next);
        exchange.setProperty(TABLE_READ, full || refreshing ? null : t.table()); // its last page of this poll
        boolean refreshLeft = exchange.getProperty(REFRESH) != null;
        exchange.setProperty(MORE_PAGES, next < tables.size() || (next == tables.size() && refreshLeft));
        if (refreshing && !full) {
            exchange.setProperty(PAGE_MAX, new TableMark(null, new Watermark(exchange.getProperty(REFRESH, String.class),
                    "-"), List.of()));
        }
        exchange.getMessage().setBody(List.copyOf(docs));
    }

    /** Advances the page's table watermark (never backwards); call only after the page's documents are on Kafka. */
    @Override
    public void commitPage(Exchange exchange) throws SQLException {
        TableMark mark = exchange.getProperty(PAGE_MAX, TableMark.class);
        if (mark != null) {
            advance(mark);
        }
        String tableRead = exchange.getProperty(TABLE_READ, String.class);
        if (tableRead != null) {
            LookBack w = windows.get(tableRead);
            if (w != null) {
                w.completed();
            }
        }
    }

    private void advance(TableMark mark) throws SQLException {
        if (mark.table() == null) {
            watermarks.save(refreshName(), mark.position());
            return;
        }
        String name = watermarkName(mark.table());
        Optional<Watermark> current = watermarks.get(name);
        if (current.isEmpty() || current.get().stamp().compareTo(mark.position().stamp()) <= 0) {
            watermarks.save(name, mark.position());
        }
        remember(mark);
    }

    /** Only rows whose documents are on Kafka count as seen; rows older than the look-back window are forgotten. */
    private void remember(TableMark mark) {
        handedOn(mark.table().table()).remember(mark.rows().stream().map(r -> new HandedOn.Row(r.tieId(), r.stamp())).toList(),
                STAMP.format(LocalDateTime.parse(mark.position().stamp()).minus(lookback).minusSeconds(1)));
    }

    private HandedOn handedOn(String table) {
        return recent.computeIfAbsent(table, k -> new HandedOn(seenLimit));
    }

    private String watermarkName(ChangeTable t) {
        return flow + "/" + t.table();
    }

    private String refreshName() {
        return flow + "/refresh";
    }

    /**
     * ALL: no watermark yet. FROM_STAMP: from the look-back before the watermark. AFTER_STAMP: only rows newer than a
     * watermark whose window has settled (see {@link LookBack}). AFTER_POSITION: the next page within one poll.
     */
    enum Mode { ALL, FROM_STAMP, AFTER_STAMP, AFTER_POSITION }

    static String sql(ChangeTable t, Mode mode) {
        String keys = String.join(", ", t.keyColumns());
        StringBuilder q = new StringBuilder("SELECT ").append(t.documentColumn()).append(", ").append(t.stampColumn())
                .append(", ").append(keys).append(" FROM ").append(t.table()).append(" WHERE ");
        if (mode == Mode.ALL) {
            q.append("1 = 1");
        } else if (mode == Mode.AFTER_POSITION) {
            // (stamp, k1, k2 ...) > (?, ?, ? ...) spelled out: row-value comparison is not used by every planner
            q.append("(").append(t.stampColumn()).append(" > ? OR (").append(t.stampColumn()).append(" = ? AND ")
                    .append(keyAfter(t.keyColumns(), 0)).append("))");
        } else if (mode == Mode.AFTER_STAMP) {
            q.append(t.stampColumn()).append(" > ?");
        } else {
            q.append(t.stampColumn()).append(" >= ?");
        }
        return q.append(" ORDER BY ").append(t.stampColumn()).append(", ").append(keys).append(" LIMIT ?").toString();
    }

    private static String keyAfter(List<String> keys, int i) {
        String k = keys.get(i);
        return i == keys.size() - 1 ? k + " > ?" : "(" + k + " > ? OR (" + k + " = ? AND " + keyAfter(keys, i + 1) + "))";
    }

    private static int bindAfter(PreparedStatement ps, int p, ChangeTable t, Watermark after) throws SQLException {
        LocalDateTime stamp = LocalDateTime.parse(after.stamp());
        ps.setObject(p++, stamp);
        ps.setObject(p++, stamp);
        List<Object> key;
        try {
            key = Json.MAPPER.readValue(after.tieId(), KEY_LIST);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable key position " + after.tieId(), e);
        }
        for (int i = 0; i < key.size(); i++) {
            Object v = bindable(key.get(i));
            ps.setObject(p++, v);
            if (i < key.size() - 1) {
                ps.setObject(p++, v);
            }
        }
        return p;
    }

    /** Key values kept in the watermark's JSON: dates as {"date": "yyyy-MM-dd"} so they bind back as dates. */
    private static Object keyValue(Object v) {
        if (v instanceof java.sql.Date d) {
            return java.util.Map.of("date", d.toLocalDate().toString());
        }
        if (v instanceof java.time.LocalDate d) {
            return java.util.Map.of("date", d.toString());
        }
        return v;
    }

    private static Object bindable(Object v) {
        if (v instanceof java.util.Map<?, ?> m && m.get("date") != null) {
            return java.time.LocalDate.parse(m.get("date").toString());
        }
        return v;
    }

    private record TableMark(ChangeTable table, Watermark position, List<Watermark> rows) {
    }
}
