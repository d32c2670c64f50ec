package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.kingdee.KingdeeDemo;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import io.cebridge.demo.kingdee.StandInMaterials;
import io.cebridge.demo.kingdee.StandInSalesDocuments;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: `demo --once --erp kingdee` ending before every flow Kingdee supports has delivered (Kingdee numbers not
 * written back, its orders left waiting for the customers customer-master claimed, products or the quote's order
 * missing), running a flow Kingdee cannot serve, or printing the stand-in's app secret.
 */
class DemoKingdeeIT {
    @TempDir
    Path tmp;

    @Test
    void onceDeliversEveryFlowKingdeeSupportsBothWays() throws Exception {
        DemoRun run = DemoRun.of(tmp, "--once", "--erp", "kingdee");
        assertThat(run.exit).as(run.out).isZero();
        assertThat(run.out).contains("flows on Kingdee: customer-master, financial-summary, order-invoice-history,"
                + " product-catalog, quote-to-order; not available on Kingdee");
        DemoOnStandIn left = run.command.standInRun;
        KingdeeDemo demo = (KingdeeDemo) left.standIn;
        KingdeeStandIn kingdee = demo.standIn();
        DemoAccountStore accounts = left.accounts;
        DemoObjectStore objects = left.objects;
        assertThat(run.out).doesNotContain(demo.appSecret());
        for (String flow : List.of("customer-master", "financial-summary", "order-invoice-history", "product-catalog",
                "quote-to-order")) {
            assertThat(run.count(flow, "delivered")).as(flow + " delivered").isPositive();
        }
        assertThat(run.out).doesNotContain("order-status: read=");

        // every account Kingdee took carries its customer's FNumber and FCUSTID; the customers keyed in by hand claimed
        Map<String, Map<String, Object>> byCrmId = new HashMap<>();
        kingdee.customers().stream().filter(c -> c.get("F_CRM_ID") != null)
                .forEach(c -> byCrmId.put(c.get("F_CRM_ID").toString(), c));
        List<Map<String, Object>> numbered = accounts.all().stream().filter(a -> a.get("ERP_Customer_No__c") != null)
                .toList();
        assertThat(numbered).hasSizeGreaterThan(60);
        for (Map<String, Object> a : numbered) {
            Map<String, Object> c = byCrmId.get(a.get("Id").toString());
            if (c != null) { // else an account sharing its tax code with another: linked to that one's customer
                assertThat(a).containsEntry("ERP_Customer_No__c", c.get("FNUMBER"))
                        .containsEntry("ERP_Internal_Id__c", c.get("FCUSTID").toString());
            }
        }
        assertThat(byCrmId.keySet()).allMatch(id -> accounts.get(id).orElseThrow().get("ERP_Customer_No__c") != null);
        assertThat(demo.customersByHand()).hasSize(3);
        demo.customersByHand().forEach((account, number) -> assertThat(accounts.get(account).orElseThrow())
                .containsEntry("ERP_Customer_No__c", number));
        // the customers with orders and receivables in Kingdee get their financial summary
        demo.customersByHand().keySet().forEach(account -> assertThat(accounts.get(account).orElseThrow())
                .as("financial summary of " + account).containsKeys("YTD_Sales__c", "AR_Not_Due__c",
                        "Financials_As_Of__c"));

        // Kingdee's materials and stock, sales orders and receivables in the CRM, each order on its customer's account
        assertThat(objects.records("Product2").stream().map(p -> p.get("ERP_Product_Code__c")).collect(Collectors.toSet()))
                .isEqualTo(kingdee.bills().ids(StandInMaterials.MATERIALS).stream().map(id -> kingdee.bills()
                        .get(StandInMaterials.MATERIALS, id).get("FNUMBER")).collect(Collectors.toSet()));
        assertThat(objects.records("ERP_Stock_Level__c")).hasSize(kingdee.bills().ids(StandInMaterials.STOCK).size());
        Map<String, String> accountOf = new HashMap<>();
        demo.customersByHand().forEach((account, number) -> accountOf.put(number, account));
        List<Long> orders = kingdee.bills().ids(StandInSalesDocuments.ORDERS);
        Map<Object, Map<String, Object>> crmOrders = new HashMap<>();
        objects.records("ERP_Sales_Order__c").forEach(o -> crmOrders.put(o.get("ERP_Order_No__c"), o));
        for (long id : orders) {
            Map<String, Object> o = kingdee.bills().get(StandInSalesDocuments.ORDERS, id);
            if (o.get("F_CRM_ID") == null) {
                Map<String, Object> crm = crmOrders.get(o.get("FBILLNO"));
                assertThat(crm).as("order " + o.get("FBILLNO")).isNotNull();
                assertThat(crm.get("Account__c")).isEqualTo(accountOf.get(((Map<?, ?>) o.get("FCUSTID")).get("FNumber")));
                assertThat(new BigDecimal(crm.get("Total_Amount__c").toString()))
                        .isEqualByComparingTo((BigDecimal) o.get("FBILLALLAMOUNT"));
            }
        }
        assertThat(objects.records("ERP_Invoice__c")).hasSize(kingdee.bills().ids(StandInSalesDocuments.RECEIVABLES).size());

        // quote Q-KD-1 became one SAL_SaleOrder with both lines, its number back on the quote
        List<Map<String, Object>> fromQuote = kingdee.saleOrders().stream()
                .filter(o -> demo.quoteId().equals(o.get("F_CRM_ID"))).toList();
        assertThat(fromQuote).hasSize(1);
        assertThat((List<?>) fromQuote.get(0).get("FSALEORDERENTRY")).hasSize(2);
        assertThat(objects.records("Quote").get(0)).containsEntry("ERP_Order_No__c", fromQuote.get(0).get("FBILLNO"));
        assertThat(Set.copyOf(List.of(run.count("order-invoice-history", "dead-lettered"),
                run.count("product-catalog", "dead-lettered"), run.count("quote-to-order", "dead-lettered"))))
                .containsOnly(0L);
    }
}
