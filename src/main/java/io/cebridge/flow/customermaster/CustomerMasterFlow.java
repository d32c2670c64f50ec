package io.cebridge.flow.customermaster;

import io.cebridge.cleanse.CleanseOptions;
import io.cebridge.cleanse.CustomerCleanser;
import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.connector.crm.CrmPageSource;
import io.cebridge.connector.crm.CrmRecordWriter;
import io.cebridge.connector.crm.salesforce.SalesforcePoller;
import io.cebridge.connector.erp.jdbc.JdbcUpsertWriter;
import io.cebridge.error.Retrier;
import io.cebridge.flow.DeadLetterReplay;
import io.cebridge.flow.DeadLetters;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.runtime.FlowStats;
import io.cebridge.store.StateStore;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.apache.camel.Exchange;

/** Builds the beans the customer-master route file refers to (customerMaster*), from configuration and mappings. */
public final class CustomerMasterFlow {
    public static final String NAME = "customer-master";
    public static final String INBOUND_MAPPING = "customer-master/salesforce-account-to-customer.jsonata";
    public static final String OUTBOUND_MAPPING = "customer-master/customer-to-erp-customer.jsonata";
    public static final String ERP_TABLE = "erp_customer";
    /** The ERP columns this flow owns; every one is written on each change (NULL when the mapping leaves it out). */
    public static final List<String> ERP_COLUMNS = List.of("crm_account_id", "name", "uscc", "phone", "currency", "street",
            "city", "province", "postal_code", "country_code");
    public static final List<String> CRM_FIELDS = List.of("Id", "Name", "USCC__c", "Phone", "BillingStreet", "BillingCity",
            "BillingState", "BillingPostalCode", "BillingCountry", "CurrencyIsoCode", "ERP_Customer_No__c",
            "SystemModstamp", "LastModifiedById");
    public static final String WRITE_BACK_FIELD = "ERP_Customer_No__c";

    private CustomerMasterFlow() {
    }

    /** The CRM source of this flow when reading from Salesforce. */
    public static CrmPageSource salesforceSource(io.cebridge.connector.crm.salesforce.SalesforceClient crm, BridgeConfig cfg,
                                                 StateStore store) {
        return new SalesforcePoller(crm, store.watermarks(), NAME, "Account", CRM_FIELDS, "SystemModstamp",
                cfg.get(BridgeKeys.CM_LOOKBACK));
    }

    public static void register(BiConsumer<String, Object> bind, BridgeConfig cfg, StateStore store, DataSource erp,
                                MappingRegistry mappings, CrmPageSource source, CrmRecordWriter crm, FlowStats stats,
                                DeadLetters deadLetters, Retrier retrier, io.cebridge.flow.DeliveryListener listener) {
        CustomerCleanser cleanser = new CustomerCleanser(new CleanseOptions(cfg.get(BridgeKeys.CM_USCC_REQUIRED),
                cfg.get(BridgeKeys.CM_PHONE_REGION), cfg.get(BridgeKeys.CM_REJECT_BAD_PHONE)));
        CustomerIngest ingest = new CustomerIngest(NAME, "salesforce", mappings.handle(INBOUND_MAPPING), cleanser,
                deadLetters, stats);
        bind.accept("customerMasterSource", source);
        bind.accept("customerMasterIngest", ingest);
        JdbcUpsertWriter writer = new JdbcUpsertWriter(erp, ERP_TABLE, "crm_account_id", "updated_at", ERP_COLUMNS);
        CustomerDelivery delivery = new CustomerDelivery(NAME, mappings.handle(OUTBOUND_MAPPING), writer, store.xref(),
                store.audit(), deadLetters, stats, crm, cfg.get(BridgeKeys.CM_WRITE_BACK), "Account", WRITE_BACK_FIELD,
                retrier);
        delivery.listener(listener);
        bind.accept("customerMasterDelivery", delivery);
        bind.accept("customerMasterRetry", new DeadLetterReplay(NAME, CustomerIngest.STAGE, store.deadLetters(),
                (Map<String, Object> raw) -> ingest.toEvent(raw)));
        bind.accept("customerMasterCycles", new CycleCounter(stats.of(NAME)));
        bind.accept("customerMasterLease", new io.cebridge.flow.PollLease(store.leases(), NAME,
                cfg.pollLease(), cfg.dataDir().toString()));
    }

    /** Counts completed poll cycles, so `run --once` knows when everything was read. */
    public static final class CycleCounter {
        private final FlowStats.Counters counters;

        CycleCounter(FlowStats.Counters counters) {
            this.counters = counters;
        }

        public void completed(Exchange exchange) {
            counters.pollCycles.incrementAndGet();
        }
    }
}
