package io.cebridge.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PricebookEntry rules that are not field properties, from the PricebookEntry page of Salesforce's Object Reference
 * (developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-pricebookentry.html):
 * <ul>
 * <li>"You must load the standard price for a product before you are permitted to load its custom price(s)": a
 * custom price book entry needs an active standard price book entry of its product in its currency, else
 * STANDARD_PRICE_NOT_DEFINED.</li>
 * <li>UseStandardPrice: "If set to true, then the UnitPrice field is read-only, and the value will be the same as the
 * UnitPrice value in the corresponding PricebookEntry in the standard price book"; UnitPrice: "You can specify a value
 * only if UseStandardPrice is set to false". A standard entry has no standard price to use.</li>
 * <li>One entry per price book, product and currency (DUPLICATE_VALUE).</li>
 * </ul>
 * The multicurrency org's corporate currency is what CurrencyIsoCode defaults to on create.
 */
final class PricebookEntryRules {
    static final String TYPE = "PricebookEntry";
    static final String CORPORATE_CURRENCY = "USD";
    private static final String USE_STANDARD = "UseStandardPrice";
    private static final String UNIT_PRICE = "UnitPrice";

    private final DemoObjectStore objects;

    PricebookEntryRules(DemoObjectStore objects) {
        this.objects = objects;
    }

    /** Fields the entry fills itself: UnitPrice when it uses the standard price. */
    static Set<String> derived(Map<String, Object> raw) {
        return Boolean.TRUE.equals(CollectionPlanner.valueIgnoringCase(raw, USE_STANDARD)) ? Set.of(UNIT_PRICE) : Set.of();
    }

    /**
     * Errors of a create (existing null) or update of an entry whose fields passed the describe checks; on success the
     * values gain what the entry derives (CurrencyIsoCode on create, UnitPrice from the standard price).
     */
    List<Map<String, Object>> check(Map<String, Object> values, Map<String, Object> existing) {
        List<Map<String, Object>> errors = new ArrayList<>();
        Map<String, Object> after = new java.util.LinkedHashMap<>(existing == null ? Map.of() : existing);
        after.putAll(values);
        if (existing == null && after.get("CurrencyIsoCode") == null) {
            values.put("CurrencyIsoCode", CORPORATE_CURRENCY);
            after.put("CurrencyIsoCode", CORPORATE_CURRENCY);
        }
        String book = (String) after.get("Pricebook2Id");
        String product = (String) after.get("Product2Id");
        Object currency = after.get("CurrencyIsoCode");
        boolean standardBook = book != null && book.equals(objects.standardPricebookId());
        boolean useStandard = Boolean.TRUE.equals(after.get(USE_STANDARD));
        if (useStandard && values.get(UNIT_PRICE) != null) {
            errors.add(SalesforceErrors.record("FIELD_INTEGRITY_EXCEPTION", "UnitPrice: a list price can be given only"
                    + " when UseStandardPrice is false", List.of(UNIT_PRICE)));
        }
        if (useStandard && standardBook) {
            errors.add(SalesforceErrors.record("FIELD_INTEGRITY_EXCEPTION", "UseStandardPrice: an entry of the standard"
                    + " price book is the standard price and cannot use it", List.of(USE_STANDARD)));
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        if (existing == null && !entries(book, product, currency, false).isEmpty()) {
            errors.add(SalesforceErrors.record("DUPLICATE_VALUE", "This price definition already exists in this price"
                    + " book", List.of()));
            return errors;
        }
        if (!standardBook) {
            List<Map<String, Object>> standard = entries(objects.standardPricebookId(), product, currency, true);
            if (existing == null && standard.isEmpty()) {
                errors.add(SalesforceErrors.record("STANDARD_PRICE_NOT_DEFINED", "No standard price defined for this"
                        + " product", List.of()));
            } else if (useStandard && !standard.isEmpty()) {
                values.put(UNIT_PRICE, standard.get(0).get(UNIT_PRICE));
            }
        }
        return errors;
    }

    private List<Map<String, Object>> entries(String book, String product, Object currency, boolean activeOnly) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : objects.findBy(TYPE, "Pricebook2Id", book)) {
            if (SObjectValues.same(e.get("Product2Id"), product) && SObjectValues.same(e.get("CurrencyIsoCode"), currency)
                    && (!activeOnly || Boolean.TRUE.equals(e.get("IsActive")))) {
                out.add(e);
            }
        }
        return out;
    }
}
