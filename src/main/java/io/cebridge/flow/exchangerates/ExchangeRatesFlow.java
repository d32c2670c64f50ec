package io.cebridge.flow.exchangerates;

import io.cebridge.config.BridgeKeys;
import io.cebridge.connector.erp.jdbc.ChangeTable;
import io.cebridge.flow.erptocrm.DocumentType;
import io.cebridge.flow.erptocrm.ErpToCrmFlow;
import io.cebridge.flow.erptocrm.TableDocumentLoader;
import io.cebridge.flow.erptocrm.TableDocumentLoader.Child;
import java.util.List;
import javax.sql.DataSource;

/**
 * exchange-rates: the ERP's daily rates (1 from = rate to) -> Salesforce DatedConversionRate (units of IsoCode per 1
 * corporate currency from StartDate). One document per rate date; only rows from the corporate currency are sent,
 * exactly as the ERP holds them, the others are skipped with the reason (see {@link CorporateRates}).
 */
public final class ExchangeRatesFlow {
    public static final String NAME = "exchange-rates";
    static final String DOCUMENT = "exchange-rate";

    private ExchangeRatesFlow() {
    }

    public static ErpToCrmFlow of(DataSource erp, String corporateCurrency) {
        // the ERP has no table of rate dates: the dates present are the document headers
        TableDocumentLoader rows = new TableDocumentLoader(erp, "(SELECT DISTINCT rate_date FROM erp_exchange_rate) d",
                "rate_date", java.sql.Date::valueOf,
                List.of(new Child("rows", "erp_exchange_rate", "rate_date", "from_currency, to_currency")));
        return new ErpToCrmFlow(BridgeKeys.EXCHANGE_RATES, "exchangeRates",
                List.of(new ChangeTable("erp_exchange_rate", List.of("from_currency", "to_currency", "rate_date"),
                        "rate_date", DOCUMENT)),
                List.of(new DocumentType(DOCUMENT, new CorporateRates(rows, corporateCurrency),
                        NAME + "/rates-to-salesforce.jsonata", null)));
    }
}
