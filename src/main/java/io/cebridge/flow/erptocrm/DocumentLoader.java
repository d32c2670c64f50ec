package io.cebridge.flow.erptocrm;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Reads the current state of changed ERP documents: business key -> canonical document (absent when gone). */
public interface DocumentLoader {
    Map<String, Map<String, Object>> load(List<String> keys) throws SQLException;
}
