package io.cebridge.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The demo's order-to-cash story, seeded into the demo CRM and the demo ERP before the runtime starts:
 * <ul>
 * <li>Q-DEMO-1, accepted, whose products the ERP knows: quote-to-order makes it an ERP order and writes the number
 * back to the quote and its opportunity;</li>
 * <li>Q-DEMO-2, accepted, with a product the ERP does not have yet: it waits whole as NEEDS_MAPPING;</li>
 * <li>Q-DEMO-0, accepted last week and already the ERP's order SO-DEMO-0 of a customer synced then, which the ERP
 * has since partly shipped and invoiced: order-status brings the status and the shipment back to the quote;</li>
 * <li>a return case of one invoiced piece of that order: returns makes it an ERP return, return-status its status.</li>
 * </ul>
 * The ERP rows are written only into a fresh demo ERP (the demo keeps its ERP between runs, the CRM starts anew
 * with the same ids). All of it in USD, on accounts that buy in USD: the ERP's one price list is in USD, and
 * financial-summary refuses to add up documents in another currency than the customer's.
 */
public final class DemoOrderToCash {
    private DemoOrderToCash() {
    }

    /** A product as both sides know it: its CRM Product2 id, ERP code and USD price to the cent. */
    private record Product(String crmId, String code, BigDecimal price) {
    }

    /** A quote line: product, quantity; its CRM id once seeded. */
    private record Line(Product product, BigDecimal quantity) {
        BigDecimal amount() {
            return quantity.multiply(product.price());
        }
    }

    /** Seeds the story; {@code freshErp}: the demo ERP was just created (its SO-DEMO-0 rows are written too). */
    public static void seed(DataSource erp, boolean freshErp, DemoObjectStore objects, DemoAccountStore accounts)
            throws SQLException {
        List<Product> products = products(erp, objects);
        List<Map<String, Object>> usd = accounts.all().stream().filter(a -> "USD".equals(a.get("CurrencyIsoCode"))).toList();
        if (products.size() < 2 || usd.size() < 3) {
            return;
        }
        Product unknown = new Product(objects.seed("Product2", Map.of("Name", "New model, not in the ERP yet",
                "ERP_Product_Code__c", "DEMO_NEW_1")), "DEMO_NEW_1", new BigDecimal("25.00"));
        String buyer = String.valueOf(usd.get(1).get("Id"));
        String deal = opportunity(objects, "Demo deal", buyer);
        quote(objects, "Q-DEMO-1", buyer, deal, null, List.of(new Line(products.get(0), new BigDecimal("3")),
                new Line(products.get(1), new BigDecimal("2"))));
        quote(objects, "Q-DEMO-2", String.valueOf(usd.get(2).get("Id")), null, null,
                List.of(new Line(products.get(0), BigDecimal.ONE), new Line(unknown, new BigDecimal("5"))));
        orderedLastWeek(erp, freshErp, objects, usd.get(0), products);
    }

    /** Q-DEMO-0: an ERP order already, partly shipped and invoiced; and a return of one invoiced piece of it. */
    private static void orderedLastWeek(DataSource erp, boolean freshErp, DemoObjectStore objects,
                                        Map<String, Object> buyer, List<Product> products) throws SQLException {
        String account = String.valueOf(buyer.get("Id"));
        String deal = opportunity(objects, "Demo deal, ordered last week", account);
        List<Line> lines = List.of(new Line(products.get(0), new BigDecimal("4")), new Line(products.get(1), BigDecimal.ONE));
        Map<String, Object> q = quote(objects, "Q-DEMO-0", account, deal, "SO-DEMO-0", lines);
        @SuppressWarnings("unchecked")
        List<String> lineIds = (List<String>) q.get("lineIds");
        String returnCase = objects.seed("Case", caseOf(account));
        Map<String, Object> returnLine = new LinkedHashMap<>();
        returnLine.put("Case__c", returnCase);
        returnLine.put("Name", "RL-1");
        returnLine.put("ERP_Order_No__c", "SO-DEMO-0");
        returnLine.put("Order_Line_No__c", 1);
        returnLine.put("Product_Code__c", products.get(0).code());
        returnLine.put("Quantity__c", BigDecimal.ONE);
        returnLine.put("Reason__c", "Damaged in transit");
        objects.seed("Return_Line__c", returnLine);
        if (!freshErp) {
            return;
        }
        try (Connection c = erp.getConnection()) {
            // the account became an ERP customer last week too (customer-master finds it by its CRM id, and links it)
            execute(c, "INSERT INTO erp_customer (crm_account_id, name, currency, city, country_code) VALUES (?, ?, 'USD',"
                    + " ?, 'US')", account, String.valueOf(buyer.get("Name")).strip(), buyer.get("BillingCity"));
            long customer;
            try (PreparedStatement ps = c.prepareStatement("SELECT customer_no FROM erp_customer WHERE crm_account_id = ?")) {
                ps.setString(1, account);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    customer = rs.getLong(1);
                }
            }
            BigDecimal total = lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            // exactly what quote-to-order would have written for Q-DEMO-0, so reading the quote again changes nothing
            execute(c, "INSERT INTO erp_sales_order (order_no, customer_no, order_date, status, currency, total_amount,"
                    + " remarks, order_source, crm_quote_id, crm_opportunity_id) VALUES ('SO-DEMO-0', ?, CURRENT_DATE - 7,"
                    + " 'IN_PROCESS', 'USD', ?, 'CRM quote Q-DEMO-0', 'CRM', ?, ?)", customer, total, q.get("Id"), deal);
            for (int i = 0; i < lines.size(); i++) {
                Line l = lines.get(i);
                execute(c, "INSERT INTO erp_sales_order_line (order_no, line_no, product_code, quantity, unit_price,"
                        + " line_amount, discount_percent, crm_line_id) VALUES ('SO-DEMO-0', ?, ?, ?, ?, ?, 0, ?)", i + 1,
                        l.product().code(), l.quantity(), l.product().price(), l.amount(), lineIds.get(i));
            }
            // two of line 1's four pieces left the warehouse and were invoiced
            execute(c, "INSERT INTO erp_shipment (shipment_no, order_no, ship_date, carrier, tracking_no) VALUES"
                    + " ('SH-DEMO-1', 'SO-DEMO-0', CURRENT_DATE - 2, 'SF Express', 'SF1029384756')");
            execute(c, "INSERT INTO erp_shipment_line (shipment_no, line_no, order_no, order_line_no, quantity) VALUES"
                    + " ('SH-DEMO-1', 1, 'SO-DEMO-0', 1, 2)");
            execute(c, "UPDATE erp_sales_order_line SET shipped_quantity = 2 WHERE order_no = 'SO-DEMO-0' AND line_no = 1");
            BigDecimal invoiced = products.get(0).price().multiply(new BigDecimal("2"));
            execute(c, "INSERT INTO erp_invoice (invoice_no, customer_no, order_no, invoice_date, due_date, currency,"
                    + " net_amount, tax_amount, total_amount) VALUES ('INV-DEMO-1', ?, 'SO-DEMO-0', CURRENT_DATE - 2,"
                    + " CURRENT_DATE + 28, 'USD', ?, 0, ?)", customer, invoiced, invoiced);
            execute(c, "INSERT INTO erp_invoice_line (invoice_no, line_no, order_no, order_line_no, product_code, quantity,"
                    + " unit_price, line_amount) VALUES ('INV-DEMO-1', 1, 'SO-DEMO-0', 1, ?, 2, ?, ?)",
                    products.get(0).code(), products.get(0).price(), invoiced);
        }
    }

    private static List<Product> products(DataSource erp, DemoObjectStore objects) throws SQLException {
        List<Product> products = new ArrayList<>();
        try (Connection c = erp.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT i.product_code,"
                + " i.unit_price FROM erp_price_list_item i JOIN erp_price_list p ON p.price_list_code = i.price_list_code"
                + " WHERE p.currency = 'USD' AND i.product_code IN ('S10_1678', 'S10_1949') ORDER BY i.product_code");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String code = rs.getString(1);
                products.add(new Product(objects.seed("Product2", Map.of("Name", code, "ERP_Product_Code__c", code)), code,
                        rs.getBigDecimal(2).setScale(2, RoundingMode.HALF_UP)));
            }
        }
        return products;
    }

    private static String opportunity(DemoObjectStore objects, String name, String account) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Name", name);
        o.put("AccountId", account);
        o.put("StageName", "Closed Won");
        o.put("CloseDate", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
        return objects.seed("Opportunity", o);
    }

    /** Seeds an accepted USD quote and its lines; returns the quote with its line ids under "lineIds". */
    private static Map<String, Object> quote(DemoObjectStore objects, String number, String account, String opportunity,
                                             String erpOrderNo, List<Line> lines) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("Name", number);
        q.put("QuoteNumber", number);
        q.put("AccountId", account);
        q.put("OpportunityId", opportunity);
        q.put("Status", "Accepted");
        q.put("CurrencyIsoCode", "USD");
        q.put("TotalPrice", lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        q.put("ERP_Order_No__c", erpOrderNo);
        String id = objects.seed("Quote", q);
        List<String> lineIds = new ArrayList<>();
        int n = 0;
        for (Line l : lines) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("QuoteId", id);
            line.put("LineNumber", String.valueOf(++n));
            line.put("Product2Id", l.product().crmId());
            line.put("Quantity", l.quantity());
            line.put("UnitPrice", l.product().price());
            line.put("TotalPrice", l.amount());
            lineIds.add(objects.seed("QuoteLineItem", line));
        }
        Map<String, Object> out = new LinkedHashMap<>(q);
        out.put("Id", id);
        out.put("lineIds", lineIds);
        return out;
    }

    private static Map<String, Object> caseOf(String account) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("CaseNumber", "00009001");
        c.put("AccountId", account);
        c.put("Type", "Return");
        c.put("Status", "New");
        c.put("Reason", "Damaged in transit");
        c.put("Description", "One of the two choppers delivered arrived with a broken mirror.");
        return c;
    }

    private static void execute(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }
}
