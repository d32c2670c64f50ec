package io.cebridge.runtime;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.flow.erptocrm.ErpToCrmFlow;
import io.cebridge.flow.exchangerates.ExchangeRatesFlow;
import io.cebridge.flow.financialsummary.FinancialSummaryFlow;
import io.cebridge.flow.orderhistory.OrderInvoiceHistoryFlow;
import io.cebridge.flow.productcatalog.ProductCatalogFlow;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

/** The ERP -> CRM flows this runtime knows; each runs when its bridge.flows.NAME.enabled is true. */
final class ErpFlows {
    private ErpFlows() {
    }

    static List<ErpToCrmFlow> all(DataSource erp, Path mappingsRoot, BridgeConfig cfg, Clock clock) {
        return List.of(FinancialSummaryFlow.of(erp, mappingsRoot, clock),
                OrderInvoiceHistoryFlow.of(erp),
                ProductCatalogFlow.of(erp),
                ExchangeRatesFlow.of(erp, cfg.get(BridgeKeys.CORPORATE_CURRENCY)));
    }
}
