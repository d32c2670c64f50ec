package io.cebridge.connector.erp.jdbc;

import java.util.List;

/**
 * An ERP table whose changed rows mark a document as changed: a row of erp_invoice_line changes invoice
 * {@code invoice_no}; a row of erp_ar_open_item changes the financial summary of customer {@code customer_no}.
 *
 * @param table          table name
 * @param keyColumns     primary key columns, the tie-break after the modification stamp
 * @param documentColumn the column naming the changed document
 * @param documentType   the kind of document it names (sales-order, invoice, customer ...)
 * @param stampColumn    the modification column (updated_at; FModifyDate in 金蝶, pubts in YonBIP)
 */
public record ChangeTable(String table, List<String> keyColumns, String documentColumn, String documentType,
                          String stampColumn) {
    public ChangeTable {
        keyColumns = List.copyOf(keyColumns);
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException(table + ": a change table needs its primary key columns for the tie-break");
        }
    }

    public ChangeTable(String table, List<String> keyColumns, String documentColumn, String documentType) {
        this(table, keyColumns, documentColumn, documentType, "updated_at");
    }
}
