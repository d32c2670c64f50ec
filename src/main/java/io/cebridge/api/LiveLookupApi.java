package io.cebridge.api;

import io.cebridge.error.Redactor;
import io.cebridge.flow.financialsummary.FinancialSummaryQuery;
import io.cebridge.store.XrefEntry;
import io.cebridge.store.XrefRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live lookups behind routes/live-lookup.yaml (bean {@code liveLookupApi}): a CRM account's financial summary
 * computed now, stock of a product, and the health answer. Each method writes the whole HTTP answer.
 */
public final class LiveLookupApi {
    private static final Logger LOG = LoggerFactory.getLogger(LiveLookupApi.class);
    /** Entity type under which the customer-master flow links CRM accounts to ERP customers. */
    static final String CUSTOMER = "customer";
    private final XrefRepository xref;
    private final FinancialSummaryQuery summaries;
    private final StockLookup stock;
    private final HealthCheck health;
    private final Clock clock;

    LiveLookupApi(XrefRepository xref, FinancialSummaryQuery summaries, DataSource erp, HealthCheck health, Clock clock) {
        this.xref = xref;
        this.summaries = summaries;
        this.stock = erp == null ? null : new StockLookup(erp);
        this.health = health;
        this.clock = clock;
    }

    public void financialSummary(Exchange exchange) {
        String account = exchange.getMessage().getHeader("crmAccountId", String.class);
        if (summaries == null) {
            ApiResponses.error(exchange, 503, "no ERP configured (bridge.erp.jdbc-url)");
            return;
        }
        try {
            XrefEntry link = xref.find(CUSTOMER, List.of(account)).get(account);
            Map<String, Object> summary = link == null ? null
                    : summaries.compute(List.of(link.erpId()), LocalDate.now(clock)).get(link.erpId());
            if (summary == null) {
                ApiResponses.error(exchange, 404, link == null ? "CRM account is not linked to an ERP customer"
                        : "the linked ERP customer does not exist");
            } else if (summary.containsKey(FinancialSummaryQuery.ERROR)) {
                ApiResponses.error(exchange, 422, String.valueOf(summary.get(FinancialSummaryQuery.ERROR)));
            } else {
                ApiResponses.json(exchange, 200, summary);
            }
        } catch (Exception e) {
            failed(exchange, "financial summary", e);
        }
    }

    public void stock(Exchange exchange) {
        String product = exchange.getMessage().getHeader("productCode", String.class);
        if (stock == null) {
            ApiResponses.error(exchange, 503, "no ERP configured (bridge.erp.jdbc-url)");
            return;
        }
        try {
            Optional<Map<String, Object>> found = stock.find(product);
            if (found.isPresent()) {
                ApiResponses.json(exchange, 200, found.get());
            } else {
                ApiResponses.error(exchange, 404, "unknown product");
            }
        } catch (Exception e) {
            failed(exchange, "stock", e);
        }
    }

    public void health(Exchange exchange) {
        Map<String, Object> answer = health.check();
        ApiResponses.json(exchange, "UP".equals(answer.get("status")) ? 200 : 503, answer);
    }

    // Driver text can carry customer data: redacted in the log, and the caller learns only that the lookup failed.
    private static void failed(Exchange exchange, String what, Exception e) {
        LOG.warn("{} lookup failed: {}", what, Redactor.forLog(e.getMessage()));
        ApiResponses.error(exchange, 503, what + " lookup failed; the reason is in the ce-bridge log");
    }
}
