package io.cebridge.it;

import io.cebridge.demo.DemoObjectStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Seeds the demo CRM with accepted quotes priced from the reference ERP's USD price list (tests and benchmarks). */
public final class DemoQuotes {
    /** Quote fields a seeded quote leaves empty, named so a reader sees the whole header the flow reads. */
    private static final String[] QUOTE_FIELDS = {"OpportunityId", "ExpirationDate", "Discount", "Subtotal", "GrandTotal",
            "ShippingName", "ShippingStreet", "ShippingCity", "ShippingPostalCode", "ShippingCountry", "ERP_Order_No__c"};

    /** A product as both sides know it: its CRM Product2 id, ERP code and USD list price to the cent. */
    public record Product(String crmId, String code, BigDecimal price) {
    }

    private DemoQuotes() {
    }

    /** Seeds a CRM Product2 for each of the first {@code max} active ERP products with a USD price. */
    public static List<Product> products(DataSource erp, DemoObjectStore objects, int max) throws Exception {
        List<Product> products = new ArrayList<>();
        try (Connection c = erp.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT p.product_code, i.unit_price FROM erp_product p JOIN erp_price_list_item i"
                        + " ON i.product_code = p.product_code WHERE p.status = 'ACTIVE' ORDER BY p.product_code");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next() && products.size() < max) {
                String code = rs.getString(1);
                String id = objects.seed("Product2", Map.of("Name", code, "ERP_Product_Code__c", code));
                products.add(new Product(id, code, rs.getBigDecimal(2).setScale(2, RoundingMode.HALF_UP)));
            }
        }
        return products;
    }

    /**
     * Seeds accepted USD quote number {@code q} of an account with {@code lines} lines cycling through the products,
     * quantities 1-7 and no discount, its totals as Salesforce computes them; returns the quote's id.
     */
    public static String accepted(DemoObjectStore objects, String account, List<Product> products, int q, int lines) {
        List<Map<String, Object>> items = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int l = 0; l < lines; l++) {
            Product p = products.get((q + l) % products.size());
            BigDecimal qty = BigDecimal.valueOf(1 + (q + l) % 7);
            BigDecimal amount = qty.multiply(p.price());
            total = total.add(amount);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("LineNumber", String.valueOf(l + 1));
            line.put("Product2Id", p.crmId());
            line.put("Quantity", qty);
            line.put("UnitPrice", p.price());
            line.put("Discount", null);
            line.put("TotalPrice", amount);
            items.add(line);
        }
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("Name", "Q-" + q);
        h.put("QuoteNumber", String.format("%08d", q));
        h.put("AccountId", account);
        h.put("Status", "Accepted");
        h.put("CurrencyIsoCode", "USD");
        h.put("TotalPrice", total);
        for (String f : QUOTE_FIELDS) {
            h.putIfAbsent(f, null);
        }
        String id = objects.seed("Quote", h);
        for (Map<String, Object> line : items) {
            line.put("QuoteId", id);
            objects.seed("QuoteLineItem", line);
        }
        return id;
    }
}
