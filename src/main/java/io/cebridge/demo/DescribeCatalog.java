package io.cebridge.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The describe metadata of every sObject type the demo org has besides Account (whose fields {@link AccountFields}
 * types): read once from the class path and kept. A type not listed does not exist in the demo org, as an sObject an
 * org does not have: describe answers 404, writes and queries are refused INVALID_TYPE.
 */
final class DescribeCatalog {
    /** Types with a describe body under {@code /demo/describe/} (DemoDescribeCatalogTest keeps it equal to the files). */
    static final List<String> DESCRIBED = List.of("PricebookEntry", "Product2", "Pricebook2", "ERP_Stock_Level__c",
            "Opportunity", "OpportunityLineItem", "Quote", "QuoteLineItem", "Case", "Contact", "DatedConversionRate",
            "ERP_Sales_Order__c", "ERP_Sales_Order_Line__c", "ERP_Invoice__c", "ERP_Invoice_Line__c", "ERP_Shipment__c",
            "Return_Line__c", "Expense__c", "ERP_Payment__c");
    private static final Map<String, SObjectDescribe> LOADED = new ConcurrentHashMap<>();

    private DescribeCatalog() {
    }

    /** The type's describe (its name matched ignoring case), or empty for a type the demo org does not have. */
    static Optional<SObjectDescribe> find(String type) {
        return DESCRIBED.stream().filter(t -> t.equalsIgnoreCase(type)).findFirst()
                .map(t -> LOADED.computeIfAbsent(t.toLowerCase(Locale.ROOT), k -> load(t)));
    }

    private static SObjectDescribe load(String type) {
        String resource = "/demo/describe/" + type + ".json";
        try (InputStream in = DescribeCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + resource);
            }
            return SObjectDescribe.of(DemoJson.readMap(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
