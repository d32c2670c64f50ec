package io.cebridge.api;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Stock of one product per warehouse from the reference ERP's erp_stock_level, with totals; quantities exact. */
final class StockLookup {
    private final DataSource erp;

    StockLookup(DataSource erp) {
        this.erp = erp;
    }

    /** Empty when the ERP does not know the product. */
    Optional<Map<String, Object>> find(String productCode) throws SQLException {
        try (Connection c = erp.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT product_code FROM erp_product WHERE product_code = ?")) {
                ps.setString(1, productCode);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                }
            }
            List<Map<String, Object>> warehouses = new ArrayList<>();
            BigDecimal onHand = new BigDecimal("0.000"); // the columns' scale, so totals of no rows read like the rest
            BigDecimal reserved = new BigDecimal("0.000");
            try (PreparedStatement ps = c.prepareStatement("SELECT warehouse_code, on_hand, reserved FROM erp_stock_level"
                    + " WHERE product_code = ? ORDER BY warehouse_code")) {
                ps.setString(1, productCode);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        BigDecimal h = rs.getBigDecimal(2);
                        BigDecimal r = rs.getBigDecimal(3);
                        warehouses.add(quantities("warehouseCode", rs.getString(1), h, r));
                        onHand = onHand.add(h);
                        reserved = reserved.add(r);
                    }
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("productCode", productCode);
            out.put("warehouses", warehouses);
            Map<String, Object> totals = quantities(null, null, onHand, reserved);
            out.put("totals", totals);
            return Optional.of(out);
        }
    }

    private static Map<String, Object> quantities(String key, String value, BigDecimal onHand, BigDecimal reserved) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (key != null) {
            m.put(key, value);
        }
        m.put("onHand", onHand);
        m.put("reserved", reserved);
        m.put("available", onHand.subtract(reserved));
        return m;
    }
}
