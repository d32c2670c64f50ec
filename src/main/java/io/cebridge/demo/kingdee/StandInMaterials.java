package io.cebridge.demo.kingdee;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stand-in's materials (BD_MATERIAL, 物料, internal id FMATERIALID) and their stock (STK_Inventory, 即时库存: one row
 * per material and warehouse, internal id FID). STK_Inventory has no FModifyDate (a query naming it is refused with
 * {@code 元数据中标识为FModifyDate的字段不存在}); its rows are stamped in FUpdateTime. Sales order lines
 * (StandInSaleOrders) refer to these materials by FNumber; a forbidden one (FForbidStatus B) exists but may not be ordered.
 */
public final class StandInMaterials {
    public static final String MATERIALS = "BD_MATERIAL";
    public static final String STOCK = "STK_Inventory";
    /** Material groups (物料分组) of the seeded materials, by number prefix. */
    private static final Map<String, String> GROUPS = Map.of("01", "钢材", "02", "紧固件", "03", "电气元件");
    private static final List<List<String>> WAREHOUSES = List.of(List.of("CK001", "成品仓"), List.of("CK002", "原料仓"));

    private StandInMaterials() {
    }

    static void define(StandInBills bills) {
        bills.define(new StandInBills.Form(MATERIALS, "FMATERIALID", null, Set.of("FNumber", "FName", "FSpecification",
                "FDescription", "FMaterialGroup", "FBaseUnitId", "FErpClsID", "FForbidStatus", "FDocumentStatus",
                "FCreateOrgId", "FUseOrgId", "FCreateDate", "FModifyDate"), Set.of()));
        bills.define(new StandInBills.Form(STOCK, "FID", null, Set.of("FMaterialId", "FStockId", "FStockOrgId",
                "FBaseUnitId", "FBaseQty", "FBaseLockQty", "FAVBQty", "FLot"), Set.of(), "FUpdateTime"));
    }

    /** The materials the seeded sales orders sell, audited and in use, with stock in one or two warehouses. */
    public static void seed(StandInBills bills) {
        int i = 0;
        for (List<String> m : StandInSalesDocuments.MATERIALS) {
            String spec = m.get(1).contains(" ") ? m.get(1).substring(m.get(1).indexOf(' ') + 1) : "";
            String group = m.get(0).substring(0, 2);
            add(bills, m.get(0), m.get(1), spec, Map.of("FNumber", group, "FName", GROUPS.get(group)), m.get(2), false);
            for (int w = 0; w <= i % 2; w++) {
                BigDecimal qty = BigDecimal.valueOf(100L * (i + 1) + 5L * w).setScale(3);
                BigDecimal locked = BigDecimal.valueOf(3L * i).setScale(3);
                addStock(bills, m.get(0), WAREHOUSES.get(w).get(0), m.get(2), qty, locked);
            }
            i++;
        }
    }

    /** A material of organisation 100, audited, in group 99 (其他), counted in Pcs; returns its FMATERIALID. */
    public static long add(StandInBills bills, String number, String name, boolean forbidden) {
        return add(bills, number, name, "", Map.of("FNumber", "99", "FName", "其他"), "Pcs", forbidden);
    }

    private static long add(StandInBills bills, String number, String name, String spec, Map<String, String> group,
                            String unit, boolean forbidden) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("FNumber", number);
        h.put("FName", name);
        h.put("FSpecification", spec);
        h.put("FDescription", name);
        h.put("FMaterialGroup", group);
        h.put("FBaseUnitId", Map.of("FNumber", unit));
        h.put("FErpClsID", "1"); // 外购
        h.put("FForbidStatus", forbidden ? "B" : "A");
        h.put("FDocumentStatus", "C");
        h.put("FCreateOrgId", Map.of("FNumber", "100"));
        h.put("FUseOrgId", Map.of("FNumber", "100"));
        return bills.add(MATERIALS, h, List.of());
    }

    /** One stock row (即时库存) of a material in a warehouse; returns its FID. */
    public static long addStock(StandInBills bills, String material, String warehouse, String unit, BigDecimal qty,
                                BigDecimal locked) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("FMaterialId", Map.of("FNumber", material));
        s.put("FStockId", Map.of("FNumber", warehouse));
        s.put("FStockOrgId", Map.of("FNumber", "100"));
        s.put("FBaseUnitId", Map.of("FNumber", unit));
        s.put("FBaseQty", qty);
        s.put("FBaseLockQty", locked);
        s.put("FAVBQty", qty.subtract(locked));
        return bills.add(STOCK, s, List.of());
    }
}
