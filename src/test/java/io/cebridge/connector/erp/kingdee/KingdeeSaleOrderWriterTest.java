package io.cebridge.connector.erp.kingdee;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.Secret;
import io.cebridge.connector.erp.ErpRecordWriter.Input;
import io.cebridge.connector.erp.ErpRecordWriter.Outcome;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import io.cebridge.demo.kingdee.StandInMaterials;
import io.cebridge.demo.kingdee.StandInSalesDocuments;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** At-most-once writes of SAL_SaleOrder documents with FSaleOrderEntry lines: whole documents, per-order refusals. */
class KingdeeSaleOrderWriterTest {
    private KingdeeStandIn kingdee;
    private KingdeeForms forms;

    @BeforeEach
    void start() throws Exception {
        kingdee = KingdeeStandIn.standard("secret", "F_CRM_ID").start(0);
        forms = new KingdeeForms(new KingdeeClient(new KingdeeSettings(kingdee.serverUrl(), kingdee.acctId(),
                kingdee.username(), kingdee.appId(), new Secret("secret"), 2052, Duration.ofSeconds(5))));
        new KingdeeFormWriter(forms, new KingdeeFormWriter.Target("BD_Customer", "FCUSTID", "FNumber", "F_CRM_ID", "100",
                true)).write(List.of(new Input("001A", Map.of("FName", "杭州甲公司"))));
        kingdee.addMaterial("M1", "物料一", false);
        kingdee.addMaterial("M2", "物料二", false);
    }

    @AfterEach
    void stop() {
        kingdee.close();
    }

    private KingdeeFormWriter writer() {
        return new KingdeeFormWriter(forms, new KingdeeFormWriter.Target("SAL_SaleOrder", "FID", "FBillNo", "F_CRM_ID",
                "100", false, null, List.of("FSaleOrgId"), Set.of("FDate")));
    }

    private static Input order(String quoteId, String date, Object... lines) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("FBillTypeID", Map.of("FNumber", "XSDD01_SYS"));
        m.put("FDate", date);
        m.put("FCustId", Map.of("FNumber", "CUST0001"));
        m.put("FSaleOrderFinance", Map.of("FSettleCurrId", Map.of("FNumber", "PRE001")));
        List<Map<String, Object>> entries = new java.util.ArrayList<>();
        for (int i = 0; i < lines.length; i += 2) {
            entries.add(Map.of("FMaterialId", Map.of("FNumber", lines[i]), "FQty", lines[i + 1], "FTaxPrice", 12.5,
                    "FEntryDiscountRate", 0));
        }
        m.put("FSaleOrderEntry", entries);
        return new Input(quoteId, m);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> lines(int order) {
        return (List<Map<String, Object>>) kingdee.saleOrders().get(order).get("FSALEORDERENTRY");
    }

    @Test
    void createsOnceFindsItUnchangedAndReplacesItsLinesWhole() {
        KingdeeFormWriter w = writer();
        Outcome created = w.write(List.of(order("0Q1", "2026-11-30", "M1", 2, "M2", 1, "M1", 5))).get(0);
        assertThat(created.kind()).isEqualTo(Outcome.Kind.CREATED);
        assertThat(created.number()).isEqualTo("XSDD000001");
        assertThat(created.id()).isEqualTo(String.valueOf(kingdee.saleOrders().get(0).get("FID")));
        assertThat(lines(0)).hasSize(3);

        // the same quote a day later: FDate is the order's own, never compared or changed
        Outcome again = w.write(List.of(order("0Q1", "2026-12-01", "M1", 2, "M2", 1, "M1", 5))).get(0);
        assertThat(again.kind()).isEqualTo(Outcome.Kind.UNCHANGED);
        assertThat(again.number()).isEqualTo("XSDD000001");

        // a line removed and a quantity changed: the order's lines become exactly the quote's, none doubled
        Outcome changed = w.write(List.of(order("0Q1", "2026-12-01", "M1", 3, "M2", 1))).get(0);
        assertThat(changed.kind()).isEqualTo(Outcome.Kind.UPDATED);
        assertThat(kingdee.saleOrders()).hasSize(1);
        assertThat(lines(0)).extracting(l -> l.get("FQTY").toString()).containsExactly("3", "1");
        assertThat(kingdee.saleOrders().get(0)).containsEntry("FDATE", "2026-11-30T00:00:00")
                .containsEntry("FBILLNO", "XSDD000001");
        assertThat(w.write(List.of(order("0Q1", "2026-12-02", "M1", 3, "M2", 1))).get(0).kind())
                .isEqualTo(Outcome.Kind.UNCHANGED);
    }

    @Test
    void anOrderKingdeeRefusesFailsAloneWithKingdeesMessage() {
        List<Outcome> out = writer().write(List.of(order("0Q1", "2026-11-30", "M1", 1),
                order("0Q2", "2026-11-30", "M1", 1, "NOPE", 2), order("0Q3", "2026-11-30", "M2", 4)));
        assertThat(out).extracting(Outcome::kind).containsExactly(Outcome.Kind.CREATED, Outcome.Kind.FAILED,
                Outcome.Kind.CREATED);
        assertThat(out.get(1).reason()).isEqualTo("Kingdee refused the SAL_SaleOrder: FMaterialId: 第2行字段“物料编码”的值“NOPE”"
                + "在系统中不存在");
        assertThat(kingdee.saleOrders()).extracting(o -> o.get("F_CRM_ID")).containsExactly("0Q1", "0Q3");
        assertThat(kingdee.calls().get("BatchSave")).as("one for the customer, one for the orders").isEqualTo(2);
    }

    @Test
    void anOrderSavedFromAQuoteIsReadBackByExecuteBillQueryBesideTheOnesAlreadyThere() {
        StandInSalesDocuments.seed(kingdee.bills(), 2, List.of("CUST0001"), LocalDate.of(2026, 11, 2));
        Outcome created = writer().write(List.of(order("0Q1", "2026-11-30", "M1", 2, "M2", 4))).get(0);
        assertThat(created.number()).as("the numbering rule goes on after the orders there").isEqualTo("XSDD000003");

        List<List<Object>> rows = forms.query("SAL_SaleOrder", List.of("FID", "FBillNo", "F_CRM_ID", "FCustId.FNumber",
                "FSaleOrderEntry_FSeq", "FMaterialId.FNumber", "FQty", "FAllAmount", "FBillAllAmount", "FModifyDate"),
                "FModifyDate >= '2000-01-01'", "FID ASC, FSaleOrderEntry_FSeq ASC", 100);
        List<List<Object>> mine = rows.stream().filter(r -> "XSDD000003".equals(r.get(1))).toList();
        assertThat(rows).hasSizeGreaterThan(mine.size());
        assertThat(mine).extracting(r -> r.get(0).toString()).containsOnly(created.id());
        assertThat(mine).extracting(r -> List.of(r.get(2), r.get(3), r.get(4).toString(), r.get(5),
                new BigDecimal(r.get(6).toString()).stripTrailingZeros().toPlainString(), r.get(7).toString()))
                .containsExactly(List.of("0Q1", "CUST0001", "1", "M1", "2", "25.00"),
                        List.of("0Q1", "CUST0001", "2", "M2", "4", "50.00"));
        assertThat(mine.get(0).get(8).toString()).isEqualTo("75.00");
        assertThat(mine.get(0).get(9)).isNotNull();
    }

    @Test
    void theMaterialsOrderLinesNameAreTheOnesBdMaterialAnswersAndForbiddingOneRefusesIt() {
        List<List<Object>> materials = forms.query("BD_MATERIAL", List.of("FMATERIALID", "FNumber", "FForbidStatus"),
                "FNumber IN ('M1','M2')", "FNumber ASC", 100);
        assertThat(materials).extracting(r -> r.get(1)).containsExactly("M1", "M2");
        long m2 = Long.parseLong(materials.get(1).get(0).toString());
        kingdee.bills().update(StandInMaterials.MATERIALS, m2, Map.of("FForbidStatus", "B"));

        Outcome refused = writer().write(List.of(order("0Q1", "2026-11-30", "M1", 1, "M2", 1))).get(0);
        assertThat(refused.kind()).isEqualTo(Outcome.Kind.FAILED);
        assertThat(refused.reason()).contains("第2行物料“M2”已禁用");
        assertThat(kingdee.saleOrders()).isEmpty();
    }
}
