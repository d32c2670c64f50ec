package io.cebridge.flow.orderhistory;

import io.cebridge.config.BridgeKeys;
import io.cebridge.connector.erp.jdbc.ChangeTable;
import io.cebridge.flow.erptocrm.DocumentType;
import io.cebridge.flow.erptocrm.ErpToCrmFlow;
import io.cebridge.flow.erptocrm.TableDocumentLoader;
import io.cebridge.flow.erptocrm.TableDocumentLoader.Child;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * order-invoice-history: ERP sales orders and invoices with their lines -> CRM custom objects, linked to the
 * customer's account. A changed line re-sends its whole document, so header totals and lines always agree in the CRM.
 */
public final class OrderInvoiceHistoryFlow {
    public static final String NAME = "order-invoice-history";

    private OrderInvoiceHistoryFlow() {
    }

    public static ErpToCrmFlow of(DataSource erp) {
        Function<String, Object> text = k -> k;
        return new ErpToCrmFlow(BridgeKeys.ORDER_INVOICE_HISTORY, "orderHistory",
                List.of(new ChangeTable("erp_sales_order", List.of("order_no"), "order_no", "sales-order"),
                        new ChangeTable("erp_sales_order_line", List.of("order_no", "line_no"), "order_no", "sales-order"),
                        new ChangeTable("erp_invoice", List.of("invoice_no"), "invoice_no", "invoice"),
                        new ChangeTable("erp_invoice_line", List.of("invoice_no", "line_no"), "invoice_no", "invoice")),
                List.of(new DocumentType("sales-order", new TableDocumentLoader(erp, "erp_sales_order", "order_no", text,
                                List.of(new Child("lines", "erp_sales_order_line", "order_no", "line_no"))),
                                NAME + "/sales-order-to-salesforce.jsonata", "customerNo"),
                        new DocumentType("invoice", new TableDocumentLoader(erp, "erp_invoice", "invoice_no", text,
                                List.of(new Child("lines", "erp_invoice_line", "invoice_no", "line_no"))),
                                NAME + "/invoice-to-salesforce.jsonata", "customerNo")));
    }
}
