package io.cebridge.connector.erp.kingdee;

/**
 * A Kingdee form whose changed rows name documents of a flow: a sales order names itself by FBillNo, a stock row of
 * STK_Inventory names its material's product document by FMaterialId.FNumber.
 *
 * @param idField    internal id: the tie-break of the (stamp, id) watermark
 * @param stampField modification stamp (FModifyDate on most forms; a form without it needs its own)
 * @param namesField the field holding the number of the document a changed row names
 * @param document   the document type it names
 */
public record KingdeeChangeForm(String form, String idField, String stampField, String namesField, String document) {
}
