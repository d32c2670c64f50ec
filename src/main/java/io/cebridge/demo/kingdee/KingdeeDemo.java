package io.cebridge.demo.kingdee;

import io.cebridge.cleanse.UsccStatus;
import io.cebridge.cleanse.UsccValidator;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoStandInErp;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * `demo --erp kingdee`: the Kingdee stand-in holding what a Kingdee shop has before ce-bridge arrives, and a CRM quote
 * for quote-to-order. Kingdee side: the materials and stock of {@link StandInMaterials#seed}, three customers keyed
 * in by hand (the first demo CRM accounts in CNY whose 统一社会信用代码 is valid and theirs alone: customer-master claims
 * them by that tax code and writes their FNumber back) and {@link StandInSalesDocuments#seed}'s audited sales orders
 * and receivables of those three, which order-invoice-history brings to the CRM once they are claimed; product-catalog
 * brings the materials. CRM side: Q-KD-1, an accepted CNY quote of the first of them for two of the materials, which
 * quote-to-order makes a SAL_SaleOrder. App id and secret are new on every run.
 */
public final class KingdeeDemo implements DemoStandInErp {
    public static final String ORG = "100";
    public static final String CRM_ID_FIELD = "F_CRM_ID";
    public static final String QUOTE = "Q-KD-1";
    private static final int BY_HAND = 3;
    private static final int ORDERS = 12;
    private static final int MAX_NAME = 80;
    private final KingdeeStandIn kingdee;
    private final String secret;
    /** CRM account id -> the FNumber of its customer keyed in by hand in Kingdee. */
    private final Map<String, String> byHand = new LinkedHashMap<>();
    private String quoteId;

    private KingdeeDemo(KingdeeStandIn kingdee, String secret) {
        this.kingdee = kingdee;
        this.secret = secret;
    }

    /** Starts the stand-in on a free port and seeds it (and the quote into {@code objects}). */
    public static KingdeeDemo start(DemoAccountStore accounts, DemoObjectStore objects) throws IOException {
        String secret = UUID.randomUUID().toString();
        String appId = "ce-bridge-demo_" + UUID.randomUUID().toString().substring(0, 8);
        KingdeeStandIn kingdee = new KingdeeStandIn("demo", "ce-bridge", appId, secret, CRM_ID_FIELD, Set.of(ORG), MAX_NAME)
                .start(0);
        KingdeeDemo demo = new KingdeeDemo(kingdee, secret);
        try {
            demo.seed(accounts, objects);
        } catch (RuntimeException e) {
            kingdee.close();
            throw e;
        }
        return demo;
    }

    private void seed(DemoAccountStore accounts, DemoObjectStore objects) {
        StandInMaterials.seed(kingdee.bills());
        for (Map<String, Object> a : customersByHand(accounts.all())) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("FNumber", String.format(Locale.ROOT, "KH%04d", byHand.size() + 1));
            c.put("FName", a.get("Name").toString().strip());
            c.put("FTaxRegisterCode", a.get("USCC__c").toString().strip());
            c.put("FTRADINGCURRID", Map.of("FNumber", "PRE001"));
            c.put("FCreateOrgId", Map.of("FNumber", ORG));
            c.put("FUseOrgId", Map.of("FNumber", ORG));
            byHand.put(a.get("Id").toString(), kingdee.addCustomer(c));
        }
        if (byHand.isEmpty()) {
            return; // a CRM without such accounts: materials only
        }
        StandInSalesDocuments.seed(kingdee.bills(), ORDERS, List.copyOf(byHand.values()),
                LocalDate.now(ZoneOffset.UTC).minusDays(40));
        quoteId = quote(objects, byHand.keySet().iterator().next());
    }

    /**
     * The accounts a Kingdee shop would have keyed in already: in CNY, a valid 统一社会信用代码 no other account has (two
     * accounts sharing one would make the claim a share), a name Kingdee takes; the first {@link #BY_HAND} of them.
     */
    private static List<Map<String, Object>> customersByHand(List<Map<String, Object>> accounts) {
        Map<String, Integer> uses = new HashMap<>();
        accounts.forEach(a -> uses.merge(String.valueOf(UsccValidator.normalize((String) a.get("USCC__c"))), 1,
                Integer::sum));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> a : accounts) {
            String uscc = (String) a.get("USCC__c");
            String name = Objects.toString(a.get("Name"), "").strip();
            if (out.size() < BY_HAND && "CNY".equals(a.get("CurrencyIsoCode")) && uscc != null
                    && uscc.strip().equals(UsccValidator.normalize(uscc))
                    && UsccValidator.check(uscc.strip()) == UsccStatus.VALID
                    && uses.get(UsccValidator.normalize(uscc)) == 1 && !name.isEmpty() && name.length() <= MAX_NAME) {
                out.add(a);
            }
        }
        return out;
    }

    /** Q-KD-1: accepted, in CNY, two lines of materials Kingdee sells; its Product2 carry the material numbers. */
    private static String quote(DemoObjectStore objects, String account) {
        List<List<String>> materials = List.of(StandInSalesDocuments.MATERIALS.get(0), StandInSalesDocuments.MATERIALS.get(4));
        List<BigDecimal> quantities = List.of(new BigDecimal("500"), new BigDecimal("2"));
        List<BigDecimal> prices = List.of(new BigDecimal("1.20"), new BigDecimal("3680.00"));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Name", "金蝶演示商机");
        o.put("AccountId", account);
        o.put("StageName", "Closed Won");
        o.put("CloseDate", LocalDate.now(ZoneOffset.UTC).toString());
        String deal = objects.seed("Opportunity", o);
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < materials.size(); i++) {
            total = total.add(quantities.get(i).multiply(prices.get(i)));
        }
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("Name", QUOTE);
        q.put("QuoteNumber", QUOTE);
        q.put("AccountId", account);
        q.put("OpportunityId", deal);
        q.put("Status", "Accepted");
        q.put("CurrencyIsoCode", "CNY");
        q.put("TotalPrice", total);
        String id = objects.seed("Quote", q);
        for (int i = 0; i < materials.size(); i++) {
            String product = objects.seed("Product2", Map.of("Name", materials.get(i).get(1),
                    "ERP_Product_Code__c", materials.get(i).get(0)));
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("QuoteId", id);
            line.put("LineNumber", String.valueOf(i + 1));
            line.put("Product2Id", product);
            line.put("Quantity", quantities.get(i));
            line.put("UnitPrice", prices.get(i));
            line.put("TotalPrice", quantities.get(i).multiply(prices.get(i)));
            objects.seed("QuoteLineItem", line);
        }
        return id;
    }

    /** The stand-in itself (the tests look at what ce-bridge saved into it). */
    public KingdeeStandIn standIn() {
        return kingdee;
    }

    /** CRM account id -> FNumber of the customers keyed in by hand. */
    public Map<String, String> customersByHand() {
        return Map.copyOf(byHand);
    }

    /** The CRM id of quote Q-KD-1, null when the CRM had no account for it. */
    public String quoteId() {
        return quoteId;
    }

    /** This run's app secret, which only the settings carry (the tests check no output shows it). */
    public String appSecret() {
        return secret;
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.putAll(kingdee.bridgeSettings(secret));
        s.put("bridge.erp.kingdee.org-number", ORG);
        s.put("bridge.erp.kingdee.crm-id-field", CRM_ID_FIELD);
        // Kingdee lets a sales order name only an audited customer: customers ce-bridge saves are audited too
        s.put("bridge.erp.kingdee.submit-and-audit", "true");
        return s;
    }

    @Override
    public String describe() {
        StandInBills bills = kingdee.bills();
        return "Kingdee stand-in (金蝶云星空 WebAPI) at " + kingdee.serverUrl() + ": data centre " + kingdee.acctId()
                + ", organisation " + ORG + ", " + byHand.size() + " customers keyed in by hand (" + String.join(", ",
                byHand.values()) + "), " + bills.ids(StandInMaterials.MATERIALS).size() + " materials with "
                + bills.ids(StandInMaterials.STOCK).size() + " stock rows, " + bills.ids(StandInSalesDocuments.ORDERS).size()
                + " sales orders, " + bills.ids(StandInSalesDocuments.RECEIVABLES).size() + " receivables"
                + (quoteId == null ? "" : "; CRM quote " + QUOTE + " (accepted) is for Kingdee");
    }

    @Override
    public List<String> outcome(DemoAccountStore accounts, DemoObjectStore objects) {
        List<String> lines = new ArrayList<>();
        long numbered = accounts.all().stream().filter(a -> a.get("ERP_Customer_No__c") != null).count();
        lines.add("demo CRM: " + numbered + " of " + accounts.size() + " accounts carry their Kingdee customer number"
                + " (FNumber, in ERP_Customer_No__c) and FCUSTID (ERP_Internal_Id__c)");
        byHand.forEach((account, number) -> accounts.get(account).ifPresent(a -> lines.add("  claimed by tax code: "
                + number + " " + a.get("Name").toString().strip() + " -> account " + account + " has "
                + a.get("ERP_Customer_No__c"))));
        List<Map<String, Object>> customers = kingdee.customers();
        long saved = customers.stream().filter(c -> c.get(CRM_ID_FIELD) != null && !byHand.containsKey(
                String.valueOf(c.get(CRM_ID_FIELD)))).count();
        List<String> fromQuotes = kingdee.saleOrders().stream().filter(o -> o.get(CRM_ID_FIELD) != null)
                .map(o -> o.get("FBILLNO") + " for " + (o.get(CRM_ID_FIELD).equals(quoteId) ? QUOTE
                        : "quote " + o.get(CRM_ID_FIELD))).toList();
        StandInBills bills = kingdee.bills();
        lines.add("Kingdee stand-in: " + customers.size() + " BD_Customer (" + saved + " saved by ce-bridge, "
                + byHand.size() + " keyed in by hand), " + bills.ids(StandInSalesDocuments.ORDERS).size()
                + " SAL_SaleOrder (" + fromQuotes.size() + " from CRM quotes" + (fromQuotes.isEmpty() ? "" : ": "
                + String.join(", ", fromQuotes)) + "), " + bills.ids(StandInSalesDocuments.RECEIVABLES).size()
                + " AR_receivable, " + bills.ids(StandInMaterials.MATERIALS).size() + " BD_MATERIAL; a few customers:");
        customers.stream().filter(c -> c.get(CRM_ID_FIELD) != null).limit(6).forEach(c -> lines.add(String.format(
                Locale.ROOT, "  %-8s %-18s %s", c.get("FNUMBER"), c.get(CRM_ID_FIELD), abbreviate(c.get("FNAME")))));
        if (quoteId != null) {
            objects.records("Quote").stream().filter(q -> quoteId.equals(q.get("Id"))).findFirst().ifPresent(q ->
                    lines.add("demo CRM: quote " + QUOTE + (q.get("ERP_Order_No__c") == null ? " has no Kingdee order"
                            + " yet (dlq list --waiting says why)" : " carries Kingdee order " + q.get("ERP_Order_No__c"))));
        }
        return lines;
    }

    private static String abbreviate(Object name) {
        String s = String.valueOf(name);
        return s.length() <= 20 ? s : s.substring(0, 19) + "…";
    }

    @Override
    public void close() {
        kingdee.close();
    }
}
