package io.cebridge.connector.erp.kingdee;

/**
 * A Kingdee form whose changed rows name documents of a flow: a sales order names itself by FBillNo, a stock row of
 * STK_Inventory names its material's product document by FMaterialId.FNumber.
 *
 * @param idField    internal id: the tie-break of the (stamp, id) watermark
 * @param stampField modification stamp (FModifyDate on most forms; a form without it needs its own)
 * @param namesField the field holding the number of the document a changed row names
 * @param document   the document type it names
 * @param orgField   the form's organisation field key (FSaleOrgId.FNumber ...), null when the file names none: the
 *                   reads are filtered by it when bridge.erp.kingdee.org-number is set
 */
public record KingdeeChangeForm(String form, String idField, String stampField, String namesField, String document,
                                String orgField) {
    public KingdeeChangeForm(String form, String idField, String stampField, String namesField, String document) {
        this(form, idField, stampField, namesField, document, null);
    }
}
