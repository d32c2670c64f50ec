package io.cebridge.runtime;

import io.cebridge.flow.erptocrm.ErpToCrmFlow;
import io.cebridge.flow.financialsummary.FinancialSummaryFlow;
import io.cebridge.flow.orderhistory.OrderInvoiceHistoryFlow;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;

/** The ERP -> CRM flows this runtime knows; each runs when its bridge.flows.NAME.enabled is true. */
final class ErpFlows {
    private ErpFlows() {
    }

    static List<ErpToCrmFlow> all(DataSource erp, Path mappingsRoot, java.time.Clock clock) {
        return List.of(FinancialSummaryFlow.of(erp, mappingsRoot, clock), OrderInvoiceHistoryFlow.of(erp));
    }
}
