package io.cebridge.flow.kingdee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cebridge.config.Secret;
import io.cebridge.connector.erp.kingdee.KingdeeClient;
import io.cebridge.connector.erp.kingdee.KingdeeForms;
import io.cebridge.connector.erp.kingdee.KingdeeSettings;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import io.cebridge.demo.kingdee.StandInBills;
import io.cebridge.demo.kingdee.StandInSalesDocuments;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.FakeSalesforceWrites;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * financial-summary from Kingdee (the stand-in's BD_Customer, AR_receivable and SAL_SaleOrder through paged
 * ExecuteBillQuery) on the real runtime, Kafka and the H2 state store, with bridge.erp.kingdee.org-number set.
 * Guards: a CRM account's figures differing from the Kingdee documents' own totals by a cent; a receivable paid later
 * not reaching the account; aging frozen when the business day moves on; a customer's documents beyond the first
 * 2,000-row page not counted; documents of another organisation counted, or another organisation's customer written.
 */
class KingdeeFinancialSummaryIT {
    private static final String FLOW = "financial-summary";
    private static final String SECRET = "kd-app-secret-for-it";
    private static final String ORG = "100";
    private static final String OTHER_ORG = "200";
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);
    private static final String AR = StandInSalesDocuments.RECEIVABLES;
    private static final String SO = StandInSalesDocuments.ORDERS;
    private static final List<String> CUSTOMERS = List.of("C100-01", "C100-02", "C100-03", "C100-04");
    private static final String BIG = "C100-03";
    private static final String OTHER_ORGS_CUSTOMER = "C200-01";
    /** Has a receivable in US dollars: refused with a reason, never added up with its yuan. */
    private static final String TWO_CURRENCIES = "C100-05";
    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("YTD_Sales__c", "ytdSales"),
            Map.entry("MTD_Sales__c", "mtdSales"), Map.entry("AR_Not_Due__c", "arNotDue"),
            Map.entry("AR_1_30__c", "ar1To30"), Map.entry("AR_31_60__c", "ar31To60"),
            Map.entry("AR_61_90__c", "ar61To90"), Map.entry("AR_Over_90__c", "arOver90"),
            Map.entry("Credit_Limit__c", "creditLimit"), Map.entry("Credit_Used__c", "creditUsed"),
            Map.entry("Credit_Available__c", "creditAvailable"));
    @TempDir
    Path tmp;
    private KingdeeStandIn kingdee;
    private FakeSalesforceWrites crm;
    private TestErp unused;
    private int arNo = 90_000_000;

    @AfterEach
    void tearDown() throws Exception {
        if (crm != null) {
            crm.close();
        }
        if (kingdee != null) {
            kingdee.close();
        }
        if (unused != null) {
            unused.close();
        }
    }

    @Test
    void accountFiguresEqualTheKingdeeDocumentsOfTheOrganisationAndFollowAPayment() throws Exception {
        kingdee = new KingdeeStandIn("demo", "integration", "ce-bridge_app", SECRET, "F_CRM_ID", Set.of(ORG, OTHER_ORG), 80)
                .start(0);
        StandInBills bills = kingdee.bills();
        KingdeeForms forms = new KingdeeForms(new KingdeeClient(new KingdeeSettings(kingdee.serverUrl(), kingdee.acctId(),
                kingdee.username(), kingdee.appId(), new Secret(SECRET), 2052, Duration.ofSeconds(20))));
        List<Map<String, Object>> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS.size(); i++) {
            // the last one has no credit limit: Credit_Available__c stays empty
            customers.add(customer(CUSTOMERS.get(i), ORG, i == 3 ? null : (50_000 + i * 12_345) + ".50"));
        }
        customers.add(customer(OTHER_ORGS_CUSTOMER, OTHER_ORG, "1000.00"));
        customers.add(customer(TWO_CURRENCIES, ORG, "1000.00"));
        assertThat(forms.batchSave("BD_Customer", customers, List.of()).success()).isTrue();

        // orders (half of them invoiced) of this organisation, then receivables in every aging bucket, written off in
        // part or whole, cancelled, dated last year, this month and after the as-of date
        StandInSalesDocuments.seed(bills, 24, CUSTOMERS, LocalDate.of(2026, 9, 20));
        int[] pastDue = {-10, 0, 1, 30, 31, 60, 61, 90, 91, 200};
        LocalDate[] dated = {LocalDate.of(2025, 12, 31), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 10, 31),
                LocalDate.of(2026, 11, 1), AS_OF, AS_OF.plusDays(1)};
        int k = 0;
        for (String c : CUSTOMERS) {
            for (int d : pastDue) {
                k++;
                BigDecimal net = new BigDecimal(k * 37 + ".0" + k % 10);
                receivable(bills, c, ORG, dated[k % dated.length], AS_OF.minusDays(d), net,
                        k % 4 == 0 ? net.multiply(new BigDecimal("1.13")).setScale(2, RoundingMode.HALF_UP)
                                : k % 4 == 1 ? new BigDecimal("10.01") : BigDecimal.ZERO, k % 9 == 0, k % 5 == 0
                                ? "XSDD" + String.format(Locale.ROOT, "%06d", k % 24 + 1) : null);
            }
            // another organisation's receivable and order for the same customer: not this organisation's business
            receivable(bills, c, OTHER_ORG, AS_OF.minusDays(3), AS_OF.minusDays(40), new BigDecimal("99999.99"),
                    BigDecimal.ZERO, false, null);
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("FBillNo", "XSDD-200-" + c);
            order.put("FDate", AS_OF.minusDays(2) + "T00:00:00");
            order.put("FCustId", Map.of("FNumber", c));
            order.put("FSaleOrgId", Map.of("FNumber", OTHER_ORG));
            order.put("FCancelStatus", "A");
            order.put("FSettleCurrId", Map.of("FNumber", "PRE001"));
            order.put("FBillAmount", new BigDecimal("77777.77"));
            bills.add(SO, order, List.of());
        }
        receivable(bills, TWO_CURRENCIES, ORG, AS_OF, AS_OF, BigDecimal.TEN, BigDecimal.ZERO, false, null);
        long usd = bills.ids(AR).get(bills.ids(AR).size() - 1);
        bills.update(AR, usd, Map.of("FCURRENCYID", Map.of("FNumber", "PRE007")));
        // a customer with more receivables than one 2,000-row page
        for (int i = 0; i < 2_500; i++) {
            receivable(bills, BIG, ORG, AS_OF.minusDays(i % 300), AS_OF.minusDays(i % 120 - 20),
                    new BigDecimal((i % 97 + 1) + "." + String.format(Locale.ROOT, "%02d", i % 100)),
                    i % 3 == 0 ? new BigDecimal("0.50") : BigDecimal.ZERO, false, null);
        }

        crm = new FakeSalesforceWrites();
        unused = TestErp.create(TestErp.Kind.H2, tmp);
        BridgeHarness bridge = new BridgeHarness(tmp.resolve("data"), crm.baseUrl(), "s3cret", unused);
        bridge.overrides.remove("bridge.erp.jdbc-url"); // no ERP database: Kingdee only
        bridge.overrides.remove("bridge.erp.username");
        bridge.overrides.putAll(kingdee.bridgeSettings(SECRET));
        bridge.overrides.put("bridge.erp.kingdee.timeout", "20s");
        bridge.overrides.put("bridge.erp.kingdee.org-number", ORG);
        bridge.overrides.put("bridge.flows.customer-master.enabled", "false");
        bridge.enable(FLOW);
        bridge.overrides.put("bridge.flows." + FLOW + ".poll-interval", "1s");
        Map<String, String> accountOf = new LinkedHashMap<>();
        for (String c : new ArrayList<>(List.of(CUSTOMERS.get(0), CUSTOMERS.get(1), CUSTOMERS.get(2),
                CUSTOMERS.get(3), OTHER_ORGS_CUSTOMER, TWO_CURRENCIES))) {
            accountOf.put(c, String.format("001%015d", accountOf.size() + 1));
            bridge.link(accountOf.get(c), c);
        }

        DayClock clock = new DayClock(AS_OF);
        try (BridgeRuntime runtime = new BridgeRuntime(bridge.config(), false).withErpClock(clock).start()) {
            for (String c : CUSTOMERS) {
                Map<String, BigDecimal> expected = expected(bills, c, AS_OF);
                await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> assertFigures(account(accountOf.get(c)),
                        c, expected, AS_OF));
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> !runtime.store().deadLetters().list(FLOW, false).isEmpty());
            assertThat(runtime.store().deadLetters().list(FLOW, false)).singleElement().satisfies(d -> {
                assertThat(d.sourceId()).isEqualTo("customer:" + TWO_CURRENCIES);
                assertThat(d.reasonCode()).isEqualTo("SOURCE_DATA_PROBLEM");
                // the receivable counts as this year's sale and as an open item, as erp_invoice and erp_ar_open_item do
                assertThat(d.reason()).startsWith("Kingdee BD_Customer FCUSTID ").contains("(FNumber " + TWO_CURRENCIES
                        + "): customer " + TWO_CURRENCIES + " has 2 document(s) in a currency other than the customer's"
                        + " currency CNY");
            });
            assertThat(account(accountOf.get(TWO_CURRENCIES))).as("no figures in two currencies added up").isNull();

            // a payment of 0.01 on one open receivable of this organisation reaches the account
            String c = CUSTOMERS.get(0);
            long paid = bills.ids(AR).stream().filter(id -> c.equals(number(bills.get(AR, id).get("FCUSTOMERID")))
                    && ORG.equals(number(bills.get(AR, id).get("FSETTLEORGID")))
                    && open(bills.get(AR, id)).signum() > 0 && !"B".equals(bills.get(AR, id).get("FCANCELSTATUS")))
                    .findFirst().orElseThrow();
            BigDecimal before = (BigDecimal) bills.get(AR, paid).get("FWRITTENOFFAMOUNTFOR");
            Map<String, BigDecimal> beforePayment = expected(bills, c, AS_OF);
            bills.update(AR, paid, Map.of("FWRITTENOFFAMOUNTFOR", before.add(new BigDecimal("0.01")),
                    "FWRITTENOFFSTATUS", "B"));
            Map<String, BigDecimal> afterPayment = expected(bills, c, AS_OF);
            assertThat(afterPayment.get("creditUsed")).isEqualByComparingTo(beforePayment.get("creditUsed")
                    .subtract(new BigDecimal("0.01")));
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertFigures(account(accountOf.get(c)), c,
                    afterPayment, AS_OF));

            // the next business days: nothing changes in Kingdee, yet every account is aged again (daily refresh)
            LocalDate later = AS_OF.plusDays(31);
            clock.day = later;
            for (String each : CUSTOMERS) {
                Map<String, BigDecimal> aged = expected(bills, each, later);
                await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertFigures(account(accountOf.get(each)),
                        each, aged, later));
            }
            assertThat(expected(bills, CUSTOMERS.get(0), later)).isNotEqualTo(afterPayment);

            // the other organisation's customer was never read, so its account was never written
            long cycles = runtime.stats().of(FLOW).pollCycles.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> runtime.stats().of(FLOW).pollCycles.get() >= cycles + 2);
            assertThat(crm.records.getOrDefault("Account", Map.of())).doesNotContainKey(accountOf.get(OTHER_ORGS_CUSTOMER));
        }
    }

    private ObjectNode account(String id) {
        return crm.records.getOrDefault("Account", Map.of()).get(id);
    }

    private static Map<String, Object> customer(String number, String org, String creditLimit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("FNumber", number);
        m.put("FName", "客户 " + number + " 有限公司");
        m.put("FCreateOrgId", Map.of("FNumber", org));
        m.put("FUseOrgId", Map.of("FNumber", org));
        m.put("FTRADINGCURRID", Map.of("FNumber", "PRE001"));
        if (creditLimit != null) {
            m.put("F_CREDIT_LIMIT", creditLimit);
        }
        return m;
    }

    /** A receivable with one plan row and (when it names an order) one line invoicing that order. */
    private void receivable(StandInBills bills, String customer, String org, LocalDate date, LocalDate due,
                            BigDecimal net, BigDecimal writtenOff, boolean cancelled, String order) {
        BigDecimal total = net.multiply(new BigDecimal("1.13")).setScale(2, RoundingMode.HALF_UP);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("FBillNo", "AR" + arNo++);
        h.put("FDATE", date + "T00:00:00");
        h.put("FENDDATE_H", due + "T00:00:00");
        h.put("FENDDATE", due + "T00:00:00");
        h.put("FCUSTOMERID", Map.of("FNumber", customer));
        h.put("FCURRENCYID", Map.of("FNumber", "PRE001"));
        h.put("FSETTLEORGID", Map.of("FNumber", org));
        h.put("FSALEORGID", Map.of("FNumber", org));
        h.put("FDocumentStatus", "C");
        h.put("FCancelStatus", cancelled ? "B" : "A");
        h.put("FWRITTENOFFSTATUS", writtenOff.signum() == 0 ? "A" : writtenOff.compareTo(total) == 0 ? "C" : "B");
        h.put("FALLAMOUNTFOR", total);
        h.put("FNoTaxAmountFor", net);
        h.put("FTaxAmountFor", total.subtract(net));
        h.put("FPAYAMOUNTFOR", total);
        h.put("FWRITTENOFFAMOUNTFOR", writtenOff);
        List<Map<String, Object>> lines = new ArrayList<>();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("FMATERIALID", Map.of("FNumber", "02.04.03.089"));
        line.put("FNoTaxAmountFor_D", net);
        line.put("FALLAMOUNTFOR_D", total);
        if (order != null) {
            line.put("FORDERNUMBER", order);
        }
        lines.add(line);
        bills.add(AR, h, lines);
    }

    /**
     * The test's own figures from the stand-in's documents of the organisation, by days past due (not summary.sql's
     * boundary dates, not FinancialSummaryOfDocuments): what the account must show.
     */
    private static Map<String, BigDecimal> expected(StandInBills bills, String customer, LocalDate asOf) {
        BigDecimal ytd = BigDecimal.ZERO;
        BigDecimal mtd = BigDecimal.ZERO;
        BigDecimal[] aging = new BigDecimal[5];
        java.util.Arrays.fill(aging, BigDecimal.ZERO);
        Map<String, BigDecimal> invoiced = new HashMap<>();
        for (long id : bills.ids(AR)) {
            Map<String, Object> h = bills.get(AR, id);
            if (!customer.equals(number(h.get("FCUSTOMERID"))) || !ORG.equals(number(h.get("FSETTLEORGID")))
                    || "B".equals(h.get("FCANCELSTATUS"))) {
                continue;
            }
            LocalDate date = LocalDate.parse(h.get("FDATE").toString().substring(0, 10));
            if (date.getYear() == asOf.getYear() && !date.isAfter(asOf)) {
                ytd = ytd.add((BigDecimal) h.get("FNOTAXAMOUNTFOR"));
                if (date.getMonth() == asOf.getMonth()) {
                    mtd = mtd.add((BigDecimal) h.get("FNOTAXAMOUNTFOR"));
                }
            }
            BigDecimal open = open(h);
            if (open.signum() != 0) {
                long days = ChronoUnit.DAYS.between(LocalDate.parse(h.get("FENDDATE").toString().substring(0, 10)), asOf);
                int bucket = days <= 0 ? 0 : days <= 30 ? 1 : days <= 60 ? 2 : days <= 90 ? 3 : 4;
                aging[bucket] = aging[bucket].add(open);
            }
            for (Map<String, Object> e : bills.entries(AR, id)) {
                if (e.get("FORDERNUMBER") != null) {
                    invoiced.merge(e.get("FORDERNUMBER").toString(), (BigDecimal) e.get("FNOTAXAMOUNTFOR_D"),
                            BigDecimal::add);
                }
            }
        }
        BigDecimal used = BigDecimal.ZERO;
        for (BigDecimal a : aging) {
            used = used.add(a);
        }
        for (long id : bills.ids(SO)) {
            Map<String, Object> o = bills.get(SO, id);
            if (customer.equals(number(o.get("FCUSTID"))) && ORG.equals(number(o.get("FSALEORGID")))
                    && !"B".equals(o.get("FCANCELSTATUS"))) {
                BigDecimal rest = ((BigDecimal) o.get("FBILLAMOUNT")).subtract(invoiced.getOrDefault(
                        o.get("FBILLNO").toString(), BigDecimal.ZERO));
                used = rest.signum() > 0 ? used.add(rest) : used;
            }
        }
        BigDecimal limit = limitOf(customer);
        Map<String, BigDecimal> m = new HashMap<>();
        m.put("ytdSales", ytd);
        m.put("mtdSales", mtd);
        m.put("arNotDue", aging[0]);
        m.put("ar1To30", aging[1]);
        m.put("ar31To60", aging[2]);
        m.put("ar61To90", aging[3]);
        m.put("arOver90", aging[4]);
        m.put("creditLimit", limit);
        m.put("creditUsed", used);
        m.put("creditAvailable", limit == null ? null : limit.subtract(used));
        return m;
    }

    private static BigDecimal limitOf(String customer) {
        int i = CUSTOMERS.indexOf(customer);
        return i == 3 ? null : new BigDecimal((50_000 + i * 12_345) + ".50");
    }

    private static BigDecimal open(Map<String, Object> h) {
        return ((BigDecimal) h.get("FPAYAMOUNTFOR")).subtract((BigDecimal) h.get("FWRITTENOFFAMOUNTFOR"));
    }

    private static String number(Object ref) {
        return ref instanceof Map<?, ?> m ? String.valueOf(m.get("FNumber")) : String.valueOf(ref);
    }

    private static void assertFigures(ObjectNode account, String customer, Map<String, BigDecimal> expected,
                                      LocalDate asOf) {
        assertThat(account).as("account of customer " + customer).isNotNull();
        FIELDS.forEach((field, key) -> {
            BigDecimal e = expected.get(key);
            if (e == null) {
                assertThat(account.get(field) == null || account.get(field).isNull()).as(field + " of " + customer).isTrue();
            } else {
                assertThat(account.get(field)).as(field + " of " + customer).isNotNull();
                assertThat(account.get(field).toString()).as(field + " of " + customer)
                        .isEqualTo(e.setScale(2, RoundingMode.UNNECESSARY).toPlainString());
            }
        });
        assertThat(account.get("Financials_As_Of__c").asText()).isEqualTo(asOf.toString());
    }

    /** The ERP's business day, moved on by the test (noon UTC of {@link #day}). */
    private static final class DayClock extends Clock {
        volatile LocalDate day;

        DayClock(LocalDate day) {
            this.day = day;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
        }
    }
}
