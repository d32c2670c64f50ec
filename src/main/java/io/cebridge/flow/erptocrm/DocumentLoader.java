package io.cebridge.flow.erptocrm;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Reads the current state of changed ERP documents: business key -> canonical document (absent when gone). */
public interface DocumentLoader {
    /** A document holding this key could not be built; its value says why, and the document is dead-lettered. */
    String PROBLEM = io.cebridge.connector.erp.jdbc.ErpRowValues.PROBLEM;
    /** Where a document read through an ERP's API came from (form and internal id), for dead letters to name it. */
    String SOURCE = io.cebridge.connector.erp.kingdee.KingdeeDocumentReader.SOURCE;

    Map<String, Map<String, Object>> load(List<String> keys) throws SQLException;
}
