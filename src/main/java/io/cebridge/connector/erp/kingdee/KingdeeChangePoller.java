package io.cebridge.connector.erp.kingdee;

import io.cebridge.connector.ChangeSource;
import io.cebridge.connector.HandedOn;
import io.cebridge.connector.LookBack;
import io.cebridge.connector.Paging;
import io.cebridge.connector.erp.jdbc.DocumentRef;
import io.cebridge.store.Watermark;
import io.cebridge.store.WatermarkRepository;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;

/**
 * Change capture from Kingdee forms for an ERP -> CRM flow: each form's documents changed since its (FModifyDate, FID)
 * watermark, read with {@link KingdeeChangeReader} (keyset pages, so a document modified while the pages are read is
 * read again later instead of pushing another past a page boundary), named by their business number. As over JDBC,
 * the watermark is kept in the state store per flow and form and moves only in {@link #commitPage}, after the page's
 * documents are on Kafka; a poll starts the flow's look-back before it, for documents saved with an earlier stamp, and
 * documents re-read there with the stamp they were handed on with name nothing again.
 */
public final class KingdeeChangePoller implements ChangeSource {
    private static final String FORM_INDEX = "bridge.kingdee.form";
    private static final String AFTER = "bridge.kingdee.after";
    private static final String PAGE_MARK = "bridge.kingdee.pageMark";
    private static final String FORM_READ = "bridge.kingdee.formRead";
    private static final String REFRESH = "bridge.kingdee.refreshPeriod";
    /** Stamps as stored and compared: fixed width, so they sort as text (Kingdee may drop trailing zeros). */
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
    private static final String NO_STAMP = "0001-01-01T00:00:00.000";

    private final WatermarkRepository watermarks;
    private final String flow;
    private final List<KingdeeChangeForm> forms;
    private final List<KingdeeChangeReader> readers = new ArrayList<>();
    private final Duration lookback;
    private final Map<String, HandedOn> recent = new ConcurrentHashMap<>();
    private final Map<String, LookBack> windows = new ConcurrentHashMap<>();
    private int refreshForm = -1;
    private java.util.function.Supplier<String> refreshPeriod;

    public KingdeeChangePoller(KingdeeForms client, WatermarkRepository watermarks, String flow,
                               List<KingdeeChangeForm> forms, Duration lookback, int pageSize) {
        this(client, watermarks, flow, forms, lookback, pageSize, "");
    }

    /**
     * As above; {@code orgNumber} (bridge.erp.kingdee.org-number, blank: none) restricts every form's reads to that
     * organisation by the form's organisation field, which each form must then name.
     */
    public KingdeeChangePoller(KingdeeForms client, WatermarkRepository watermarks, String flow,
                               List<KingdeeChangeForm> forms, Duration lookback, int pageSize, String orgNumber) {
        if (forms.isEmpty()) {
            throw new IllegalArgumentException(flow + ": no Kingdee form to poll");
        }
        this.watermarks = watermarks;
        this.flow = flow;
        this.forms = List.copyOf(forms);
        this.lookback = lookback;
        int page = Math.max(1, Math.min(pageSize, KingdeeForms.MAX_PAGE));
        for (KingdeeChangeForm f : forms) {
            boolean filtered = orgNumber != null && !orgNumber.isBlank();
            if (filtered && (f.orgField() == null || f.orgField().isBlank())) {
                throw new IllegalArgumentException(flow + ": form " + f.form() + " names no organisation field (org:)"
                        + " and bridge.erp.kingdee.org-number is set: its reads could not be limited to organisation "
                        + orgNumber);
            }
            readers.add(new KingdeeChangeReader(client, f.form(), f.idField(), f.stampField(), List.of(f.namesField()), page,
                    filtered ? new KingdeeOrgFilter(f.orgField(), orgNumber) : KingdeeOrgFilter.NONE));
        }
    }

    /**
     * Also names every document of {@code document}'s own form once per period {@code period} names (today's date in
     * the ERP's zone): a financial summary ages with the calendar even when no document changes. The period read is
     * kept in the state store ({@code <flow>/kingdee/refresh}) once the last page is on Kafka.
     */
    public KingdeeChangePoller refreshEvery(String document, java.util.function.Supplier<String> period) {
        for (int i = 0; i < forms.size(); i++) {
            if (forms.get(i).document().equals(document)) {
                refreshForm = i;
                refreshPeriod = period;
                return this;
            }
        }
        throw new IllegalArgumentException(flow + ": no form of document " + document + " to refresh");
    }

    /** The state-store name of a form's watermark. */
    public static String watermarkName(String flow, String form) {
        return flow + "/kingdee/" + form;
    }

    /** Body out: the changed documents of the next page (list of {@link DocumentRef}); sets {@value Paging#MORE_PAGES}. */
    @Override
    public void readPage(Exchange exchange) throws SQLException {
        int index = exchange.getProperty(FORM_INDEX, 0, Integer.class);
        if (index == 0 && exchange.getProperty(AFTER) == null && refreshPeriod != null) {
            String due = refreshPeriod.get();
            boolean done = watermarks.get(refreshName()).map(w -> w.stamp().equals(due)).orElse(false);
            exchange.setProperty(REFRESH, done ? null : due);
        }
        boolean refreshing = index == forms.size();
        KingdeeChangeForm f = forms.get(refreshing ? refreshForm : index);
        KingdeeChangeReader.Mark from = exchange.getProperty(AFTER, KingdeeChangeReader.Mark.class);
        if (from == null && !refreshing) {
            Optional<Watermark> saved = watermarks.get(watermarkName(flow, f.form()));
            if (saved.isPresent()) {
                Watermark w = saved.get();
                boolean reread = windows.computeIfAbsent(f.form(), k -> new LookBack(lookback)).reread(w.stamp() + "/"
                        + w.tieId());
                from = reread ? new KingdeeChangeReader.Mark(STAMP.format(LocalDateTime.parse(w.stamp()).minus(lookback)), 0)
                        : new KingdeeChangeReader.Mark(w.stamp(), Long.parseLong(w.tieId()));
            }
        }
        KingdeeChangeReader.Page page = readers.get(refreshing ? refreshForm : index).after(from);
        // the refresh names every document again, handed on before or not
        HandedOn seen = refreshing ? new HandedOn(0) : recent.computeIfAbsent(f.form(), k -> new HandedOn(100_000));
        Set<DocumentRef> docs = new LinkedHashSet<>();
        List<HandedOn.Row> rows = new ArrayList<>();
        for (List<Object> row : page.rows()) {
            String id = KingdeeLookup.text(row.get(0));
            String stamp = stamp(row.get(1));
            String number = KingdeeLookup.text(row.get(2));
            rows.add(new HandedOn.Row(id, stamp));
            if (number == null || number.isBlank()) {
                continue; // a document without a number yet (暂存) is no document a CRM record can name
            }
            if (!seen.contains(id, stamp)) {
                docs.add(new DocumentRef(f.document(), number));
            }
        }
        KingdeeChangeReader.Mark last = rows.isEmpty() ? null
                : new KingdeeChangeReader.Mark(rows.get(rows.size() - 1).stamp(), page.last().id());
        exchange.setProperty(PAGE_MARK, last == null || refreshing ? null : new FormMark(f.form(), last, rows));
        int next = page.more() ? index : index + 1;
        exchange.setProperty(AFTER, page.more() ? last : null);
        exchange.setProperty(FORM_INDEX, next);
        exchange.setProperty(FORM_READ, page.more() || refreshing ? null : f.form());
        boolean refreshLeft = exchange.getProperty(REFRESH) != null;
        exchange.setProperty(Paging.MORE_PAGES, next < forms.size() || next == forms.size() && refreshLeft);
        if (refreshing && !page.more()) { // the period is read: recorded once this last page is on Kafka
            exchange.setProperty(PAGE_MARK, new FormMark(null, new KingdeeChangeReader.Mark(
                    exchange.getProperty(REFRESH, String.class), 0), List.of()));
        }
        exchange.getMessage().setBody(List.copyOf(docs));
    }

    /** Advances the page's form watermark (never backwards); call only after the page's documents are on Kafka. */
    @Override
    public void commitPage(Exchange exchange) throws SQLException {
        FormMark mark = exchange.getProperty(PAGE_MARK, FormMark.class);
        if (mark != null && mark.form() == null) {
            watermarks.save(refreshName(), new Watermark(mark.last().stamp(), "-"));
        } else if (mark != null) {
            String name = watermarkName(flow, mark.form());
            Optional<Watermark> current = watermarks.get(name);
            Watermark next = new Watermark(mark.last().stamp(), Long.toString(mark.last().id()));
            if (current.isEmpty() || before(current.get(), next)) {
                watermarks.save(name, next);
            }
            recent.computeIfAbsent(mark.form(), k -> new HandedOn(100_000)).remember(mark.rows(),
                    STAMP.format(LocalDateTime.parse(mark.last().stamp()).minus(lookback).minusSeconds(1)));
        }
        String formRead = exchange.getProperty(FORM_READ, String.class);
        if (formRead != null && windows.get(formRead) != null) {
            windows.get(formRead).completed();
        }
    }

    private String refreshName() {
        return flow + "/kingdee/refresh";
    }

    private static boolean before(Watermark a, Watermark b) {
        int c = a.stamp().compareTo(b.stamp());
        return c < 0 || c == 0 && Long.parseLong(a.tieId()) < Long.parseLong(b.tieId());
    }

    /** FModifyDate as Kingdee sends it (2026-11-30T08:00:00.12, with a space, without a fraction) in fixed width. */
    static String stamp(Object value) {
        String text = KingdeeLookup.text(value);
        if (text == null || text.isBlank()) {
            return NO_STAMP; // never stamped: sorts first, read once
        }
        return STAMP.format(LocalDateTime.parse(text.strip().replace(' ', 'T')));
    }

    private record FormMark(String form, KingdeeChangeReader.Mark last, List<HandedOn.Row> rows) {
    }
}
