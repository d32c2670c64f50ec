package io.cebridge.connector.erp.kingdee;

/**
 * The organisation filter of the ERP -> CRM reads ({@code bridge.erp.kingdee.org-number}): every ExecuteBillQuery of a
 * form gets {@code AND <org field> = '<org>'} in its FilterString, with the organisation field of that form
 * (FSaleOrgId.FNumber on SAL_SaleOrder, FSETTLEORGID.FNumber on AR_receivable, FUseOrgId.FNumber on BD_Customer and
 * BD_MATERIAL, FStockOrgId.FNumber on STK_Inventory), so a multi-organisation data centre sends the CRM only the
 * documents of the configured one. Empty org: no filter, every organisation the integration user may see.
 *
 * @param field  the form's organisation field key as documents.kingdee.yaml names it ({@code org:}), null: none
 * @param number the organisation's number (组织编码), blank: no filter
 */
public record KingdeeOrgFilter(String field, String number) {
    /** No organisation filter. */
    public static final KingdeeOrgFilter NONE = new KingdeeOrgFilter(null, "");

    public KingdeeOrgFilter {
        number = number == null ? "" : number.strip();
        if (!number.isEmpty() && (field == null || field.isBlank())) {
            throw new IllegalArgumentException("an organisation filter needs the form's organisation field key");
        }
    }

    /** True when reads are filtered. */
    public boolean active() {
        return !number.isEmpty();
    }

    /** {@code filter} restricted to the organisation: "(filter) AND FIELD = 'org'" (just the clause when empty). */
    public String and(String filter) {
        if (!active()) {
            return filter == null ? "" : filter;
        }
        String clause = field.strip() + " = " + KingdeeLookup.quote(number);
        return filter == null || filter.isBlank() ? clause : "(" + filter + ") AND " + clause;
    }
}
