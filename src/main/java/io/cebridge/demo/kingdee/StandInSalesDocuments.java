package io.cebridge.demo.kingdee;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The stand-in's sales orders (SAL_SaleOrder, 销售订单, entries FSaleOrderEntry) and receivables (AR_receivable, 应收单,
 * entries FEntityDetail), shaped as the models in shared/reference/erp/kingdee show them: bill types XSDD01_SYS and
 * YSD01_SYS, the customer as {"FNumber": ..}, materials numbered like 02.04.03.089, currency PRE001 (人民币), tax 13 %,
 * amounts with tax (价税合计) on the header (FSaleOrderFinance / FsubHeadFinc fields are queried by their own keys).
 */
public final class StandInSalesDocuments {
    public static final String ORDERS = "SAL_SaleOrder";
    public static final String RECEIVABLES = "AR_receivable";
    private static final BigDecimal TAX = new BigDecimal("1.13");
    /** Materials (物料) the seeded lines sell: number, name, unit. */
    static final List<List<String>> MATERIALS = List.of(
            List.of("02.04.03.089", "不锈钢六角螺栓 M8×30", "Pcs"),
            List.of("02.04.03.090", "不锈钢六角螺母 M8", "Pcs"),
            List.of("01.02.01.001", "冷轧钢板 1.0mm", "kg"),
            List.of("03.01.05.012", "交流接触器 CJX2-1810", "Pcs"),
            List.of("03.02.01.007", "变频器 7.5kW", "台"));
    private static final List<String> SALES_REPS = List.of("张伟", "王芳", "李娜");

    private StandInSalesDocuments() {
    }

    /** {@code crmIdField}: the custom field (as on BD_Customer) holding the CRM id of an order saved from a quote. */
    static void define(StandInBills bills, String crmIdField) {
        bills.define(new StandInBills.Form(ORDERS, "FID", "FSaleOrderEntry", Set.of("FBillNo", "FBillTypeID", "FDate",
                "FCustId", "FSaleOrgId", "FSaleDeptId", "FSalerId", "FReceiveId", "FNote", "FDocumentStatus",
                "FCloseStatus", "FCancelStatus", "FSettleCurrId", "FExchangeRate", "FIsIncludedTax", "FBillAllAmount",
                "FBillAmount", "FBillTaxAmount", "FCreateDate", "FModifyDate", "FApproveDate", crmIdField),
                Set.of("FMaterialId", "FUnitID", "FQty", "FPrice", "FTaxPrice", "FEntryTaxRate", "FEntryDiscountRate",
                        "FAmount", "FAllAmount", "FDeliveryDate", "FStockOutQty", "FEntryNote")));
        bills.define(new StandInBills.Form(RECEIVABLES, "FID", "FEntityDetail", Set.of("FBillNo", "FBillTypeID", "FDATE",
                "FENDDATE_H", "FISINIT", "FCUSTOMERID", "FCURRENCYID", "FSETTLEORGID", "FSALEORGID", "FBUSINESSTYPE",
                "FDocumentStatus", "FCancelStatus", "FWRITTENOFFSTATUS", "FALLAMOUNTFOR", "FNoTaxAmountFor", "FTaxAmountFor",
                "FCreateDate", "FModifyDate",
                // the receivable's one 收款计划 row (FEntityPlan), kept with the header: the stand-in has one entry entity
                "FENDDATE", "FPAYAMOUNTFOR", "FWRITTENOFFAMOUNTFOR"), Set.of("FMATERIALID", "FPRICEUNITID", "FPriceQty",
                "FPrice", "FTaxPrice", "FEntryTaxRate", "FALLAMOUNTFOR_D", "FNoTaxAmountFor_D", "FORDERNUMBER",
                "FSourceBillNo", "FSOURCETYPE", "FCOSTID")));
    }

    /**
     * {@code count} audited sales orders (XSDD000001 ...) of the customers by number in turn, one to three lines each,
     * and a receivable (AR00000001 ...) for every other one; returns the orders' FIDs.
     */
    public static List<Long> seed(StandInBills bills, int count, List<String> customers, LocalDate from) {
        List<Long> ids = new ArrayList<>();
        int offset = bills.ids(ORDERS).size();
        int receivables = bills.ids(RECEIVABLES).size();
        for (int i = 0; i < count; i++) {
            int n = offset + i + 1;
            String customer = customers.get(i % customers.size());
            LocalDate date = from.plusDays(i % 28);
            List<Map<String, Object>> lines = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            for (int l = 0; l < 1 + n % 3; l++) {
                List<String> m = MATERIALS.get((n + l) % MATERIALS.size());
                BigDecimal qty = BigDecimal.valueOf(10L * (l + 1) + n % 7).setScale(3, RoundingMode.UNNECESSARY);
                BigDecimal price = new BigDecimal("12.50").add(BigDecimal.valueOf(n % 11)).add(BigDecimal.valueOf(l * 3L))
                        .setScale(6, RoundingMode.UNNECESSARY);
                BigDecimal all = qty.multiply(price).setScale(2, RoundingMode.HALF_UP);
                total = total.add(all);
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("FMaterialId", Map.of("FNumber", m.get(0), "FName", m.get(1)));
                e.put("FUnitID", Map.of("FNumber", m.get(2)));
                e.put("FQty", qty);
                e.put("FTaxPrice", price);
                e.put("FPrice", price.divide(TAX, 6, RoundingMode.HALF_UP));
                e.put("FEntryTaxRate", new BigDecimal("13.00"));
                e.put("FAllAmount", all);
                e.put("FAmount", all.divide(TAX, 2, RoundingMode.HALF_UP));
                e.put("FDeliveryDate", date.plusDays(14) + "T00:00:00");
                e.put("FStockOutQty", n % 2 == 0 ? qty : BigDecimal.ZERO.setScale(3));
                lines.add(e);
            }
            String billNo = String.format(Locale.ROOT, "XSDD%06d", n);
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("FBillNo", billNo);
            h.put("FBillTypeID", Map.of("FNUMBER", "XSDD01_SYS"));
            h.put("FDate", date + "T00:00:00");
            h.put("FCustId", Map.of("FNumber", customer));
            h.put("FSaleOrgId", Map.of("FNumber", "100"));
            h.put("FSalerId", Map.of("FNumber", "SALER" + (n % SALES_REPS.size()), "FName", SALES_REPS.get(n % SALES_REPS.size())));
            h.put("FNote", n % 5 == 0 ? "客户要求分批发货" : "");
            h.put("FDocumentStatus", "C");
            h.put("FCloseStatus", n % 2 == 0 ? "B" : "A");
            h.put("FCancelStatus", "A");
            h.put("FSettleCurrId", Map.of("FNumber", "PRE001"));
            h.put("FExchangeRate", BigDecimal.ONE);
            h.put("FBillAllAmount", total);
            BigDecimal net = total.divide(TAX, 2, RoundingMode.HALF_UP);
            h.put("FBillAmount", net);
            h.put("FBillTaxAmount", total.subtract(net));
            h.put("FCreateDate", date + "T09:00:00");
            long id = bills.add(ORDERS, h, lines);
            ids.add(id);
            if (n % 2 == 0) {
                receivables++;
                bills.add(RECEIVABLES, receivable(receivables, billNo, customer, date, total, lines), entries(billNo, lines));
            }
        }
        return ids;
    }

    private static Map<String, Object> receivable(int n, String order, String customer, LocalDate date, BigDecimal total,
                                                  List<Map<String, Object>> lines) {
        BigDecimal net = total.divide(TAX, 2, RoundingMode.HALF_UP);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("FBillNo", String.format(Locale.ROOT, "AR%08d", n));
        h.put("FBillTypeID", Map.of("FNUMBER", "YSD01_SYS"));
        h.put("FDATE", date.plusDays(15) + "T00:00:00");
        h.put("FENDDATE_H", date.plusDays(45) + "T00:00:00");
        h.put("FISINIT", false);
        h.put("FCUSTOMERID", Map.of("FNumber", customer));
        h.put("FCURRENCYID", Map.of("FNumber", "PRE001"));
        h.put("FSETTLEORGID", Map.of("FNumber", "100"));
        h.put("FSALEORGID", Map.of("FNumber", "100"));
        h.put("FBUSINESSTYPE", "BZ");
        h.put("FDocumentStatus", "C");
        h.put("FCancelStatus", "A");
        h.put("FWRITTENOFFSTATUS", n % 3 == 0 ? "C" : "A");
        h.put("FALLAMOUNTFOR", total);
        h.put("FENDDATE", date.plusDays(45) + "T00:00:00");
        h.put("FPAYAMOUNTFOR", total);
        h.put("FWRITTENOFFAMOUNTFOR", n % 3 == 0 ? total : BigDecimal.ZERO.setScale(2));
        h.put("FNoTaxAmountFor", net);
        h.put("FTaxAmountFor", total.subtract(net));
        h.put("FCreateDate", date.plusDays(15) + "T10:00:00");
        return h;
    }

    private static List<Map<String, Object>> entries(String order, List<Map<String, Object>> lines) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> l : lines) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("FMATERIALID", l.get("FMaterialId"));
            e.put("FPRICEUNITID", l.get("FUnitID"));
            e.put("FPriceQty", l.get("FQty"));
            e.put("FPrice", l.get("FPrice"));
            e.put("FTaxPrice", l.get("FTaxPrice"));
            e.put("FEntryTaxRate", l.get("FEntryTaxRate"));
            e.put("FALLAMOUNTFOR_D", l.get("FAllAmount"));
            e.put("FNoTaxAmountFor_D", l.get("FAmount"));
            e.put("FORDERNUMBER", order);
            e.put("FSourceBillNo", order);
            e.put("FSOURCETYPE", "SAL_SaleOrder");
            e.put("FCOSTID", Map.of("FNumber", "CI001"));
            out.add(e);
        }
        return out;
    }
}
