package io.cebridge.flow.erptocrm;

import io.cebridge.flow.erptocrm.DocumentLoader;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a rate date's ERP rows into the ones Salesforce can take as they are (1 corporate currency = rate X) and the
 * others, which are kept in the document as "skipped" with the reason and logged: a CRM rate computed from them
 * (an inverse, a cross rate) would not be the ERP's exact figure.
 */
final class CorporateRates implements DocumentLoader {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CorporateRates.class);
    private final DocumentLoader rows;
    private final String corporate;

    CorporateRates(DocumentLoader rows, String corporateCurrency) {
        this.rows = rows;
        this.corporate = corporateCurrency;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> load(List<String> keys) throws SQLException {
        Map<String, Map<String, Object>> docs = rows.load(keys);
        for (Map<String, Object> doc : docs.values()) {
            List<Map<String, Object>> usable = new ArrayList<>();
            List<Map<String, Object>> skipped = new ArrayList<>();
            for (Map<String, Object> r : (List<Map<String, Object>>) doc.getOrDefault("rows", List.of())) {
                if (corporate.equals(r.get("fromCurrency")) && !corporate.equals(r.get("toCurrency"))) {
                    usable.add(r);
                } else {
                    r.put("skipReason", reason(r));
                    skipped.add(r);
                    LOG.info("exchange-rates: {} {}->{} not sent: {}", doc.get("rateDate"), r.get("fromCurrency"),
                            r.get("toCurrency"), r.get("skipReason"));
                }
            }
            doc.remove("rows");
            doc.put("corporateCurrency", corporate);
            doc.put("rates", usable);
            doc.put("skipped", skipped);
        }
        return docs;
    }

    private String reason(Map<String, Object> r) {
        if (corporate.equals(r.get("toCurrency")) && !corporate.equals(r.get("fromCurrency"))) {
            return "Salesforce rates are units of a currency per 1 " + corporate + "; 1/" + r.get("rate")
                    + " is not exact. Enter the " + corporate + "->" + r.get("fromCurrency") + " rate in the ERP";
        }
        return "neither side is the CRM's corporate currency " + corporate + " (bridge.crm.corporate-currency);"
                + " Salesforce holds rates against it only";
    }
}
