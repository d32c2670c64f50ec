package io.cebridge.connector.erp.kingdee;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a form's documents changed after a watermark, in (modification stamp, internal id) order, one page per call
 * by keyset: {@code FModifyDate > 'S' OR (FModifyDate = 'S' AND FID > I)} from row 0. Documents sharing a stamp are
 * neither skipped nor read twice, and a document modified while the pages are read comes again later instead of
 * pushing another one past a page boundary, as paging by StartRow would. {@link KingdeeChangePoller} drives it for the
 * ERP -> CRM flows.
 */
public final class KingdeeChangeReader {
    private final KingdeeForms forms;
    private final String form;
    private final String idField;
    private final String stampField;
    private final List<String> fieldKeys;
    private final int pageSize;
    private final KingdeeOrgFilter org;

    /** Where a read stopped: the stamp and internal id of the last document read. */
    public record Mark(String stamp, long id) {
    }

    /** A page of rows (the id, the stamp, then the fields asked for), the mark after it, and whether more may follow. */
    public record Page(List<List<Object>> rows, Mark last, boolean more) {
    }

    public KingdeeChangeReader(KingdeeForms forms, String form, String idField, String stampField, List<String> fields,
                               int pageSize) {
        this(forms, form, idField, stampField, fields, pageSize, KingdeeOrgFilter.NONE);
    }

    /** As above, each page restricted to the organisation {@code org} names (see {@link KingdeeOrgFilter}). */
    public KingdeeChangeReader(KingdeeForms forms, String form, String idField, String stampField, List<String> fields,
                               int pageSize, KingdeeOrgFilter org) {
        if (pageSize < 1 || pageSize > KingdeeForms.MAX_PAGE) {
            throw new IllegalArgumentException("page size " + pageSize + " is not within 1.." + KingdeeForms.MAX_PAGE);
        }
        this.forms = forms;
        this.form = form;
        this.idField = idField;
        this.stampField = stampField;
        List<String> keys = new ArrayList<>(List.of(idField, stampField));
        fields.stream().filter(f -> keys.stream().noneMatch(k -> k.equalsIgnoreCase(f))).forEach(keys::add);
        this.fieldKeys = List.copyOf(keys);
        this.pageSize = pageSize;
        this.org = org;
    }

    /** The next page after {@code mark} (null: from the beginning). */
    public Page after(Mark mark) {
        String filter = mark == null ? "" : "(" + stampField + " > " + KingdeeLookup.quote(mark.stamp()) + ") OR ("
                + stampField + " = " + KingdeeLookup.quote(mark.stamp()) + " AND " + idField + " > " + mark.id() + ")";
        List<List<Object>> rows = forms.page(form, fieldKeys, org.and(filter), stampField + " ASC, " + idField + " ASC",
                0, pageSize);
        Mark last = mark;
        if (!rows.isEmpty()) {
            List<Object> r = rows.get(rows.size() - 1);
            last = new Mark(KingdeeLookup.text(r.get(1)), new java.math.BigDecimal(KingdeeLookup.text(r.get(0))).longValueExact());
        }
        return new Page(rows, last, rows.size() == pageSize);
    }
}
