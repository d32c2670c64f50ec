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
    private String lines;
    private String lineKey;
    private String lineParent;
    private String lineColumns;
    private String lockColumn;
    private String editable;
    private String lockFlag = "LOCKED_IN_ERP";
    private String neverCreate;
    private String lock;
    private String check;
    private String checkFlag = "ERP_CHECK_FAILED";
    private String form;
    private volatile io.cebridge.flow.crmtoerp.ErpApiDelivery api;

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

    public void setLines(String lines) {
        this.lines = lines;
    }

    public void setLineKey(String lineKey) {
        this.lineKey = lineKey;
    }

    public void setLineParent(String lineParent) {
        this.lineParent = lineParent;
    }

    public void setLineColumns(String lineColumns) {
        this.lineColumns = lineColumns;
    }

    public void setLockColumn(String lockColumn) {
        this.lockColumn = lockColumn;
    }

    public void setEditable(String editable) {
        this.editable = editable;
    }

    public void setLockFlag(String lockFlag) {
        this.lockFlag = lockFlag;
    }

    public void setNeverCreate(String neverCreate) {
        this.neverCreate = neverCreate;
    }

    public void setLock(String lock) {
        this.lock = lock;
    }

    public void setCheck(String check) {
        this.check = check;
    }

    public void setCheckFlag(String checkFlag) {
        this.checkFlag = checkFlag;
    }

    public void setForm(String form) {
        this.form = form;
    }

    @Override
    void startForFlow() throws Exception {
        if (YonbipErp.configured(services().cfg())) {
            // bridge.erp.type=yonbip: the table's YonBIP archive, written through the OpenAPI at most once
            api = new io.cebridge.flow.crmtoerp.ErpApiDelivery(getFlow(), services().deadLetters(),
                    ((ErpComponent) getComponent()).yonbip(services().cfg()).writer(getEndpointUri(), table),
                    claimFlag == null || claimFlag.isBlank() ? "DUPLICATE_KEY_LINKED" : claimFlag);
            return;
        }
        if (KingdeeErp.configured(services().cfg())) {
            // bridge.erp.type=kingdee: the table's Kingdee form, written through the WebAPI at most once
            boolean claim = claimBy != null && !claimBy.isBlank();
            api = new io.cebridge.flow.crmtoerp.ErpApiDelivery(getFlow(), services().deadLetters(),
                    ((ErpComponent) getComponent()).kingdee(services().cfg()).writer(getEndpointUri(), table, form, claim),
                    claimFlag == null || claimFlag.isBlank() ? "DUPLICATE_KEY_LINKED" : claimFlag,
                    claim ? createClaims() : null);
            parts().delivery.createClaims(api.createClaims());
            return;
        }
        if (lines != null && !lines.isBlank()) {
            startDocuments();
            return;
        }
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
                        : "KEY") + "_LINKED" : claimFlag), claim ? createClaims() : null);
    }

    /**
     * New records sharing a claim value create one ERP record also when two deliveries run at once; null (no claims)
     * when they cannot: one delivery consumer and the embedded state store, which only this instance opens. Then the
     * matcher's batch alone keeps them apart, and an initial load saves a store write and read per batch (about 55 µs
     * of CPU per record on H2, DeliveryPeerBenchmark). Several consumers on the embedded store claim in this process
     * (only its own consumers can race; the H2 table cost them a third of their CPU); a shared store, in its table.
     */
    private io.cebridge.flow.crmtoerp.CreateClaims createClaims() {
        io.cebridge.config.BridgeConfig cfg = services().cfg();
        Integer consumers = cfg.flowValue(getFlow(), "delivery-consumers", Integer.class);
        boolean embedded = cfg.get(io.cebridge.config.BridgeKeys.STORE_URL).isBlank();
        if (embedded && (consumers == null || consumers <= 1)) {
            return null;
        }
        io.cebridge.store.CreateClaimStore where = embedded ? services().store().localCreateClaims()
                : services().store().createClaims();
        return new io.cebridge.flow.crmtoerp.CreateClaims(getFlow(), parts().delivery::entity,
                where, services().store().xref(), services().deadLetters(),
                services().cfg().get(io.cebridge.config.BridgeKeys.DELIVERY_CREATE_CLAIM_LEASE));
    }

    /** A header table and a line table written together, one transaction per record (see JdbcDocumentWriter). */
    private void startDocuments() {
        if (key == null || number == null || list(columns).isEmpty() || lineKey == null || lineParent == null
                || list(lineColumns).isEmpty()) {
            throw new IllegalArgumentException(getEndpointUri() + ": a document (lines=) needs key=, number=, columns=,"
                    + " lineKey=, lineParent= and lineColumns=");
        }
        boolean lock = lockColumn != null && !lockColumn.isBlank();
        if (lock && list(editable).isEmpty()) {
            throw new IllegalArgumentException(getEndpointUri() + ": lockColumn= needs editable= (the values in which the"
                    + " ERP document may still change)");
        }
        io.cebridge.connector.erp.jdbc.JdbcDocumentWriter.NeverCreate never = null;
        if (neverCreate != null && !neverCreate.isBlank()) {
            int colon = neverCreate.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException(getEndpointUri() + ": neverCreate= is COLUMN:VALUE[|VALUE..], got '"
                        + neverCreate + "'");
            }
            never = new io.cebridge.connector.erp.jdbc.JdbcDocumentWriter.NeverCreate(neverCreate.substring(0, colon),
                    java.util.Set.of(neverCreate.substring(colon + 1).split("\\|")));
        }
        javax.sql.DataSource ds = services().erp().get();
        JdbcUpsertWriter header = new JdbcUpsertWriter(ds, table, key, stamp, list(columns));
        java.util.List<String> lineCols = new java.util.ArrayList<>(list(lineColumns));
        if (lineCols.stream().noneMatch(c -> c.equalsIgnoreCase(lineParent))) {
            lineCols.add(lineParent);
        }
        JdbcUpsertWriter lineWriter = new JdbcUpsertWriter(ds, lines, lineKey, stamp, lineCols);
        parts().delivery.erpDocuments(new io.cebridge.flow.crmtoerp.ErpDocuments(
                new io.cebridge.connector.erp.jdbc.JdbcDocumentWriter(header, number, lineWriter, lineParent,
                        lock ? lockColumn : null, lock ? java.util.Set.copyOf(list(editable)) : java.util.Set.of(), never,
                        guard(ds)), lockFlag, checkFlag));
    }

    /** The document's lock= and check= queries of the mapping directory, or null without them. */
    private io.cebridge.connector.erp.jdbc.JdbcDocumentWriter.Guard guard(javax.sql.DataSource ds) {
        boolean locks = lock != null && !lock.isBlank();
        boolean checks = check != null && !check.isBlank();
        if (!locks && !checks) {
            return null;
        }
        java.nio.file.Path root = services().mappings().root();
        return new io.cebridge.connector.erp.jdbc.JdbcDocumentWriter.Guard(
                locks ? io.cebridge.connector.erp.jdbc.ErpQuery.fromFile(ds, root, lock) : null,
                checks ? io.cebridge.connector.erp.jdbc.ErpQuery.fromFile(ds, root, check) : null);
    }

    @Override
    void process(Exchange exchange) {
        io.cebridge.flow.crmtoerp.ErpApiDelivery a = api;
        if (a != null) {
            a.write(exchange);
            return;
        }
        parts().delivery.writeErp(exchange);
    }
}
