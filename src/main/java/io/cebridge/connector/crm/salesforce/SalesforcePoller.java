package io.cebridge.connector.crm.salesforce;

import io.cebridge.connector.HandedOn;
import io.cebridge.connector.LookBack;
import io.cebridge.connector.crm.CrmPageSource;
import io.cebridge.store.SourceVersion;
import io.cebridge.store.Watermark;
import io.cebridge.store.WatermarkRepository;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * Incremental reader of one sObject type: SOQL ordered by (SystemModstamp, Id) from the watermark minus a look-back,
 * page by page through nextRecordsUrl. The cursor keeps the result set fixed, so records sharing a stamp across a
 * page boundary are all read; the watermark moves only when {@link #commitPage} runs after the page is on Kafka.
 */
public final class SalesforcePoller implements CrmPageSource {
    public static final String MORE_PAGES = io.cebridge.connector.Paging.MORE_PAGES;
    private static final String NEXT_URL = "bridge.nextRecordsUrl";
    private static final String PAGE_MAX = "bridge.pageMax";
    private static final String TOTAL = "bridge.totalSize";
    private static final String PAGE_ROWS = "bridge.pageRows";
    // a poll that found more than bridge.crm.bulk-threshold changes reads them as a Bulk API 2.0 query job's result sets
    private static final String BULK_JOB = "bridge.bulkJob";
    private static final String BULK_LOCATOR = "bridge.bulkLocator";
    // the result set being read, handed to the route a slice at a time
    private static final String BULK_SET = "bridge.bulkSet";
    /**
     * Records of a Bulk result set handed to the route at a time: a REST query page's 2,000. A set is fetched whole
     * (25,000 records, to spend few API calls) but mapped, cleansed and published a slice at a time.
     */
    static final int BULK_SLICE = 2_000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SalesforcePoller.class);
    /** Records remembered as handed on within the look-back window (about 15 MB at the limit). */
    private static final int HANDED_ON_LIMIT = 100_000;
    private static final DateTimeFormatter SF_STAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss").optionalStart().appendPattern(".SSS").optionalEnd()
            .appendPattern("[XXX][XX][X]").toFormatter()
            .withResolverStyle(java.time.format.ResolverStyle.STRICT); // SMART would turn 02-30 into 02-28

    private final SalesforceClient client;
    private final WatermarkRepository watermarks;
    private final String flow;
    private final String sobject;
    private final List<String> fields;
    private final String stampField;
    private final String where;
    private final Duration lookback;
    private final LookBack window;
    private final HandedOn handedOn = new HandedOn(HANDED_ON_LIMIT);

    public SalesforcePoller(SalesforceClient client, WatermarkRepository watermarks, String flow, String sobject,
                            List<String> fields, String stampField, Duration lookback) {
        this(client, watermarks, flow, sobject, fields, "", stampField, lookback);
    }

    /** {@code where}: a SOQL condition every query adds (empty: none), e.g. {@code Status__c = 'Approved'}. */
    public SalesforcePoller(SalesforceClient client, WatermarkRepository watermarks, String flow, String sobject,
                            List<String> fields, String where, String stampField, Duration lookback) {
        this.client = client;
        this.where = where == null ? "" : where.strip();
        this.watermarks = watermarks;
        this.flow = flow;
        this.sobject = sobject;
        this.fields = List.copyOf(fields);
        this.stampField = stampField;
        this.lookback = lookback;
        this.window = new LookBack(lookback);
        if (!this.fields.contains("Id") || !this.fields.contains(stampField)) {
            throw new IllegalArgumentException("the field list of " + flow + " must contain Id and " + stampField);
        }
    }

    /** Reads the next page into the body (a list of field maps); sets {@value #MORE_PAGES}. */
    @Override
    public void readPage(Exchange exchange) throws SQLException {
        String next = exchange.getProperty(NEXT_URL, String.class);
        String bulkJob = exchange.getProperty(BULK_JOB, String.class);
        BulkQueryJob.ResultSet bulkSet = exchange.getProperty(BULK_SET, BulkQueryJob.ResultSet.class);
        QueryPage page;
        boolean inBulk = bulkJob != null || bulkSet != null;
        if (bulkSet != null) {
            page = bulkSlice(exchange, bulkSet);
        } else if (bulkJob != null) {
            page = bulkPage(exchange, bulkJob, exchange.getProperty(BULK_LOCATOR, String.class));
        } else if (next == null) {
            Optional<Watermark> from = watermarks.get(flow);
            String soql = soql(from, window.reread(from.map(Watermark::stamp).orElse(null)));
            page = client.query(soql);
            if (page.totalSize() > client.bulkThreshold()) {
                // the first page told how many changed: this many are read in a few large CSV sets, not 2,000 a call
                LOG.info("{}: {} changed {} records, more than bridge.crm.bulk-threshold={}: reading them through a"
                        + " Bulk API 2.0 query job", flow, page.totalSize(), sobject, client.bulkThreshold());
                int total = page.totalSize();
                String job = new BulkQueryJob(client).start(soql);
                inBulk = true;
                page = bulkPage(exchange, job, null);
                page = new QueryPage(total, page.done(), null, page.records());
            }
        } else {
            page = client.queryMore(next);
        }
        exchange.setProperty(NEXT_URL, page.nextRecordsUrl());
        exchange.setProperty(io.cebridge.connector.Paging.READ_IN_BULK, inBulk);
        exchange.setProperty(MORE_PAGES, page.nextRecordsUrl() != null
                || exchange.getProperty(BULK_JOB, String.class) != null
                || exchange.getProperty(BULK_SET) != null);
        if (bulkJob == null && bulkSet == null) { // the poll's first page: how many changed
            exchange.setProperty(TOTAL, page.totalSize());
        }
        Watermark max = null;
        List<HandedOn.Row> rows = new ArrayList<>(page.records().size());
        List<Map<String, Object>> fresh = new ArrayList<>(page.records().size());
        for (Map<String, Object> r : page.records()) {
            String stamp = normaliseStamp(String.valueOf(r.get(stampField)));
            r.put(stampField, stamp);
            String id = String.valueOf(r.get("Id"));
            if (max == null || max.isBefore(stamp, id)) {
                max = new Watermark(stamp, id);
            }
            rows.add(new HandedOn.Row(id, stamp));
            if (!handedOn.contains(id, stamp)) {
                fresh.add(r); // a look-back re-read of a version already on Kafka is not published again
            }
        }
        exchange.setProperty(PAGE_MAX, max);
        exchange.setProperty(PAGE_ROWS, rows);
        exchange.getMessage().setBody(fresh);
    }

    /**
     * The first slice of the result set of a bulk query job at {@code locator} as a page; the job stays on the exchange
     * while sets are left, the set while records of it are.
     */
    private QueryPage bulkPage(Exchange exchange, String job, String locator) {
        BulkQueryJob.ResultSet set = new BulkQueryJob(client).results(job, sobject, locator);
        exchange.setProperty(BULK_JOB, set.nextLocator() == null ? null : job);
        exchange.setProperty(BULK_LOCATOR, set.nextLocator());
        return bulkSlice(exchange, set);
    }

    /** The next {@value #BULK_SLICE} records of the result set as a page. */
    private QueryPage bulkSlice(Exchange exchange, BulkQueryJob.ResultSet set) {
        List<Map<String, Object>> records = set.next(BULK_SLICE);
        exchange.setProperty(BULK_SET, set.hasMore() ? set : null);
        Integer total = exchange.getProperty(TOTAL, Integer.class);
        return new QueryPage(total == null ? records.size() : total, !set.hasMore() && set.nextLocator() == null, null,
                records);
    }

    /** Advances the watermark to the page's last (stamp, id); call only after the page's records are on Kafka. */
    @Override
    public void commitPage(Exchange exchange) throws SQLException {
        Watermark max = exchange.getProperty(PAGE_MAX, Watermark.class);
        if (max != null) {
            Optional<Watermark> current = watermarks.get(flow);
            if (current.isEmpty() || current.get().isBefore(max.stamp(), max.tieId())) {
                watermarks.save(flow, max);
            }
            String newest = current.isPresent() && max.isBefore(current.get().stamp(), current.get().tieId())
                    ? current.get().stamp() : max.stamp();
            @SuppressWarnings("unchecked")
            List<HandedOn.Row> rows = exchange.getProperty(PAGE_ROWS, List.class);
            handedOn.remember(rows, SourceVersion.of(Instant.parse(newest).minus(lookback).minusSeconds(1)));
        }
        if (!Boolean.TRUE.equals(exchange.getProperty(MORE_PAGES, Boolean.class))) {
            window.completed();
        }
    }

    /**
     * The query from the watermark: from {@code lookback} before it while its window may still get late commits, else
     * only what is newer than it (a settled window, its own stamp included, has been read in full).
     */
    String soql(Optional<Watermark> from, boolean lookBack) {
        StringBuilder q = new StringBuilder("SELECT ").append(String.join(", ", fields)).append(" FROM ").append(sobject);
        List<String> conditions = new ArrayList<>();
        if (!where.isEmpty()) {
            conditions.add(where);
        }
        from.ifPresent(w -> conditions.add(stampField + (lookBack ? " >= " : " > ")
                + SourceVersion.of(Instant.parse(w.stamp()).minus(lookBack ? lookback : Duration.ZERO))));
        if (!conditions.isEmpty()) {
            q.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        return q.append(" ORDER BY ").append(stampField).append(" ASC, Id ASC").toString();
    }

    /**
     * Salesforce writes 2026-11-23T10:15:30.123+0000 in REST answers and 2026-11-23T10:15:30.123Z in Bulk 2.0 CSV
     * results; the store keeps fixed-width UTC with milliseconds (the second form).
     */
    public static String normaliseStamp(String sf) {
        if (isCanonicalUtc(sf)) {
            // already UTC with milliseconds: at most the offset is spelled differently
            return sf.length() == 24 ? sf : sf.substring(0, 23) + "Z";
        }
        return SourceVersion.of(OffsetDateTime.parse(sf, SF_STAMP).toInstant());
    }

    /**
     * Whether a stamp is in a form Salesforce always sends (yyyy-MM-ddTHH:mm:ss.SSS+0000 over REST, ...SSSZ in Bulk 2.0
     * results) and a real date-time; checked by hand because a formatter parse per record was 9 % of the ingest
     * thread's time (12 % with Bulk results before their form was known here). Anything else takes the full parse.
     */
    private static boolean isCanonicalUtc(String s) {
        boolean utc = s.length() == 28 && s.endsWith("+0000") || s.length() == 24 && s.charAt(23) == 'Z';
        if (!utc || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(19) != '.') {
            return false;
        }
        int[] at = {0, 5, 8, 11, 14, 17, 20};
        int[] width = {4, 2, 2, 2, 2, 2, 3};
        int[] v = new int[7];
        for (int i = 0; i < at.length; i++) {
            for (int k = at[i]; k < at[i] + width[i]; k++) {
                char c = s.charAt(k);
                if (c < '0' || c > '9') {
                    return false;
                }
                v[i] = v[i] * 10 + (c - '0');
            }
        }
        try {
            java.time.LocalDateTime.of(v[0], v[1], v[2], v[3], v[4], v[5]); // rejects 2026-02-30, hour 24 ...
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }
}
