package io.cebridge.connector.erp.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The reference ERP's customer rows the writer tests write: a CRM id, a name and no USCC. */
final class CustomerRows {
    private CustomerRows() {
    }

    /** A writer of erp_customer's CRM id, name and USCC, keyed on the CRM id. */
    static JdbcUpsertWriter writer(DataSource ds) {
        return new JdbcUpsertWriter(ds, "erp_customer", "crm_account_id", "updated_at",
                List.of("crm_account_id", "name", "uscc"));
    }

    static Map<String, Object> row(String id, String name) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("crm_account_id", id);
        r.put("name", name);
        r.put("uscc", null);
        return r;
    }
}
