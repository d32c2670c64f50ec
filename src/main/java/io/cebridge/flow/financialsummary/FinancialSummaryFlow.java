package io.cebridge.flow.financialsummary;

import io.cebridge.config.BridgeKeys;
import io.cebridge.connector.erp.jdbc.ChangeTable;
import io.cebridge.flow.erptocrm.DocumentLoader;
import io.cebridge.flow.erptocrm.DocumentType;
import io.cebridge.flow.erptocrm.ErpToCrmFlow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * financial-summary: per ERP customer, YTD/MTD sales, AR aging, credit limit / used / available as of today, written
 * to the customer's CRM account. A customer's summary is recomputed when any of its inputs changes (invoice, open
 * item, order, the customer row) and for every customer once a day, because aging moves with the calendar.
 */
public final class FinancialSummaryFlow {
    public static final String NAME = "financial-summary";
    public static final String SUMMARY_SQL = NAME + "/summary.sql";
    public static final String MAPPING = NAME + "/summary-to-salesforce-account.jsonata";

    private FinancialSummaryFlow() {
    }

    public static ErpToCrmFlow of(DataSource erp, Path mappingsRoot, Clock clock) {
        // read when first used, so a mappings directory without summary.sql only matters with the flow enabled
        java.util.concurrent.atomic.AtomicReference<FinancialSummaryQuery> query = new java.util.concurrent.atomic.AtomicReference<>();
        DocumentLoader loader = keys -> {
            Map<String, Map<String, Object>> out = new LinkedHashMap<>();
            query.updateAndGet(q -> q != null ? q : FinancialSummaryQuery.fromFile(erp, mappingsRoot.resolve(SUMMARY_SQL)))
                    .compute(keys, LocalDate.now(clock)).forEach((no, summary) -> {
                Map<String, Object> doc = new LinkedHashMap<>(summary);
                Object error = doc.remove(FinancialSummaryQuery.ERROR);
                if (error != null) {
                    doc.put(DocumentLoader.PROBLEM, error);
                }
                out.put(no, doc);
            });
            return out;
        };
        ChangeTable customers = new ChangeTable("erp_customer", List.of("customer_no"), "customer_no", "customer");
        return new ErpToCrmFlow(BridgeKeys.FINANCIAL_SUMMARY, "financialSummary",
                List.of(customers,
                        new ChangeTable("erp_invoice", List.of("invoice_no"), "customer_no", "customer"),
                        new ChangeTable("erp_ar_open_item", List.of("invoice_no"), "customer_no", "customer"),
                        new ChangeTable("erp_sales_order", List.of("order_no"), "customer_no", "customer")),
                List.of(new DocumentType("customer", loader, MAPPING, "customerNo")),
                customers); // every customer once per ERP business day: aging moves on even when nothing is booked
    }
}
