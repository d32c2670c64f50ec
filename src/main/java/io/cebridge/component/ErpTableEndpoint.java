package io.cebridge.component;

import io.cebridge.connector.erp.jdbc.JdbcUpsertWriter;
import io.cebridge.flow.crmtoerp.ErpMatcher;
import org.apache.camel.Component;
import org.apache.camel.Exchange;

/** Writes a delivery batch's mapped rows into one ERP table; see {@link ErpComponent} for the options. */
final class ErpTableEndpoint extends BridgeEndpoint {
    private final String table;
    private String key;
    private String number;
    private String columns;
    private String stamp = "updated_at";
    private String claimBy;
    private String claimFlag;
    private String linesOf;

    ErpTableEndpoint(String uri, Component component, String table) {
        super(uri, component);
        this.table = table;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public void setNumber(String number) {
        this.number = number;
    }

    public void setColumns(String columns) {
        this.columns = columns;
    }

    public void setStamp(String stamp) {
        this.stamp = stamp;
    }

    public void setClaimBy(String claimBy) {
        this.claimBy = claimBy;
    }

    public void setClaimFlag(String claimFlag) {
        this.claimFlag = claimFlag;
    }

    public void setLinesOf(String linesOf) {
        this.linesOf = linesOf;
    }

    @Override
    void startForFlow() throws Exception {
        boolean lines = linesOf != null && !linesOf.isBlank();
        if (key == null || (number == null && !lines) || list(columns).isEmpty()) {
            throw new IllegalArgumentException(getEndpointUri() + ": key=, columns= and number= (or linesOf=) are required");
        }
        if (lines) {
            JdbcUpsertWriter writer = new JdbcUpsertWriter(services().erp().get(), table, key, stamp, list(columns));
            parts().delivery.erpLines(writer, new io.cebridge.flow.crmtoerp.ErpLines(writer, key, linesOf));
            return;
        }
        boolean claim = claimBy != null && !claimBy.isBlank();
        JdbcUpsertWriter writer = new JdbcUpsertWriter(services().erp().get(), table, key, stamp, list(columns));
        parts().delivery.erp(writer, new ErpMatcher.Keys(key, number, claim ? claimBy : null,
                claimFlag == null || claimFlag.isBlank() ? "DUPLICATE_" + (claim ? claimBy.toUpperCase(java.util.Locale.ROOT)
                        : "KEY") + "_LINKED" : claimFlag));
    }

    @Override
    void process(Exchange exchange) {
        parts().delivery.writeErp(exchange);
    }
}
