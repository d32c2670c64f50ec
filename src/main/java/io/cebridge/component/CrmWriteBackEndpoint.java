package io.cebridge.component;

import org.apache.camel.Component;
import org.apache.camel.Exchange;

/**
 * {@code crm:OBJECT?flow=F&writeBack=FIELD&current=eventField}: writes each delivered record's ERP key to FIELD of
 * its CRM record, unless the CRM already has it ({@code current}: the canonical field holding the CRM's value, so
 * the echo of a write-back writes nothing). With {@code alsoObject=O&alsoId=idField&alsoCurrent=eventField} the key
 * also goes to the same field of the O record whose id the canonical field idField holds (a quote's opportunity).
 * With {@code idWriteBack=FIELD} the ERP's internal id of the document (Kingdee's FID) goes to FIELD of the flow's
 * record in the same update as the number, when the ERP connector gives one (over JDBC it gives none).
 * Off when bridge.flows.FLOW.write-back is false.
 */
final class CrmWriteBackEndpoint extends BridgeEndpoint {
    private final String sobject;
    private String writeBack;
    private String current;
    private String alsoObject;
    private String alsoId;
    private String alsoCurrent;
    private String idWriteBack;
    private volatile boolean enabled;
    private volatile io.cebridge.flow.crmtoerp.WriteBackOutbox outbox;

    CrmWriteBackEndpoint(String uri, Component component, String sobject) {
        super(uri, component);
        this.sobject = sobject;
    }

    public void setWriteBack(String writeBack) {
        this.writeBack = writeBack;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public void setAlsoObject(String alsoObject) {
        this.alsoObject = alsoObject;
    }

    public void setAlsoId(String alsoId) {
        this.alsoId = alsoId;
    }

    public void setAlsoCurrent(String alsoCurrent) {
        this.alsoCurrent = alsoCurrent;
    }

    /** A CRM field of the flow's object that gets the ERP's internal id beside the number (Kingdee's FID). */
    public void setIdWriteBack(String idWriteBack) {
        this.idWriteBack = idWriteBack;
    }

    @Override
    void startForFlow() throws Exception {
        Boolean on = services().cfg().flowValue(getFlow(), "write-back", Boolean.class);
        enabled = on == null || on;
        if (enabled && (writeBack == null || writeBack.isBlank() || current == null || current.isBlank())) {
            throw new IllegalArgumentException(getEndpointUri() + ": with bridge.flows." + getFlow() + ".write-back on,"
                    + " writeBack= names the CRM field the ERP key goes to and current= the canonical field holding"
                    + " the CRM's value of it");
        }
        if (!enabled) {
            return;
        }
        java.util.List<io.cebridge.flow.crmtoerp.CrmWriteBack> targets = new java.util.ArrayList<>();
        targets.add(new io.cebridge.flow.crmtoerp.CrmWriteBack(services().crm(), sobject, null, writeBack, current,
                idWriteBack));
        if (alsoObject != null && !alsoObject.isBlank()) {
            if (alsoId == null || alsoId.isBlank() || alsoCurrent == null || alsoCurrent.isBlank()) {
                throw new IllegalArgumentException(getEndpointUri() + ": alsoObject= needs alsoId= (the canonical field"
                        + " holding that record's id) and alsoCurrent= (the canonical field holding its value of "
                        + writeBack + ")");
            }
            targets.add(new io.cebridge.flow.crmtoerp.CrmWriteBack(services().crm(), alsoObject, alsoId, writeBack,
                    alsoCurrent));
        }
        if (services().crm() instanceof io.cebridge.connector.crm.salesforce.BulkWriter bulk) {
            io.cebridge.flow.crmtoerp.WriteBackOutbox box = new io.cebridge.flow.crmtoerp.WriteBackOutbox(getFlow(),
                    services().store().outbox(), bulk, services().deadLetters(),
                    services().cfg().get(io.cebridge.config.BridgeKeys.CRM_BULK_WRITEBACK_SIZE),
                    services().cfg().get(io.cebridge.config.BridgeKeys.CRM_BULK_WRITEBACK_AGE), java.time.Clock.systemUTC(),
                    services().store().leases(), services().cfg().dataDir().toString(),
                    services().cfg().get(io.cebridge.config.BridgeKeys.POLL_LEASE));
            targets.forEach(t -> t.outbox(box));
            outbox = box;
            parts().outbox = box;
            box.start(); // in the background: what a crash left goes out on the first look, before the first poll
        }
        parts().delivery.writeBack(targets);
    }

    @Override
    protected void doStop() throws Exception {
        io.cebridge.flow.crmtoerp.WriteBackOutbox box = outbox;
        if (box != null) {
            box.close(); // after the routes stopped: sends what waits, so `run --once` ends with its write-backs done
            outbox = null;
        }
        super.doStop();
    }

    @Override
    void process(Exchange exchange) {
        if (enabled) {
            parts().delivery.writeBack(exchange);
        }
    }
}
