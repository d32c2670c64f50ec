package io.cebridge.component;

import java.util.Map;
import java.util.Set;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code erp:TABLE}: the ERP database of this installation (bridge.erp.*) as an endpoint that writes a delivery
 * batch's mapped rows into TABLE. Options: {@code key} (column holding the CRM id), {@code number} (the ERP's own key,
 * written back), {@code columns} (the columns the flow owns), {@code stamp} (modification column), and optionally
 * {@code claimBy} / {@code claimFlag} (claim rows made by hand by that column's value, share rows another record owns).
 * With {@code linesOf=COLUMN} a record is several rows (its mapping lists them under {@code rows}), found by
 * {@code key} and belonging to the record by COLUMN holding its CRM id; {@code number} is then not used.
 * With {@code lines=LINE_TABLE} a record is a document: TABLE's row (the header, found by {@code key}, numbered by
 * the ERP in {@code number}) and LINE_TABLE's rows its mapping lists under {@code lines} ({@code lineKey}: the
 * line's CRM id, {@code lineParent}: the line column that gets the header's number, {@code lineColumns}), written
 * in one transaction; {@code lockColumn} / {@code editable}: the document changes only while that header column
 * holds one of those values, else the record is dead-lettered with {@code lockFlag}; {@code neverCreate=COLUMN:V}:
 * a record with that header value only changes an existing document (a cancellation creates nothing);
 * {@code lock=FILE.sql} / {@code check=FILE.sql} (of the mapping directory): run in the document's transaction, the
 * first before anything else (it locks what the document depends on), the second after the write; a row found by
 * the check rolls the document back and dead-letters it with {@code checkFlag} (a rule spanning documents, e.g. no
 * more returned than invoiced, kept also for documents written at the same time).
 * With bridge.erp.type=kingdee the table stands for a Kingdee form (erp_customer: BD_Customer, or {@code form=}) written
 * through the WebAPI (see {@link KingdeeErp}); the JDBC options then mean nothing. With bridge.erp.type=yonbip
 * erp_customer stands for YonBIP's customer archive (see {@link YonbipErp}).
 */
public final class ErpComponent extends DefaultComponent {
    private static final Set<String> OPTIONS = Set.of("flow", "key", "number", "columns", "stamp", "claimBy", "claimFlag",
            "linesOf", "lines", "lineKey", "lineParent", "lineColumns", "lockColumn", "editable", "lockFlag", "neverCreate",
            "lock", "check", "checkFlag", "form");
    private volatile KingdeeErp kingdee;
    private volatile YonbipErp yonbip;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!remaining.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(uri + ": name the ERP table, e.g. erp:erp_customer");
        }
        BridgeEndpoint.only("erp:" + remaining, parameters, OPTIONS);
        ErpTableEndpoint e = new ErpTableEndpoint(uri, this, remaining);
        setProperties(e, parameters);
        return e;
    }

    /** The Kingdee WebAPI of this process (one session for every flow), made on first use. */
    synchronized KingdeeErp kingdee(io.cebridge.config.BridgeConfig cfg) {
        if (kingdee == null) {
            kingdee = new KingdeeErp(cfg);
        }
        return kingdee;
    }

    /** The YonBIP OpenAPI of this process (one access token for every flow), made on first use. */
    synchronized YonbipErp yonbip(io.cebridge.config.BridgeConfig cfg) {
        if (yonbip == null) {
            yonbip = new YonbipErp(cfg);
        }
        return yonbip;
    }
}
