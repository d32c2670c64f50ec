package io.cebridge.component;

import org.apache.camel.Component;
import org.apache.camel.Exchange;

/**
 * {@code crm:OBJECT?flow=F&writeBack=FIELD&current=eventField}: writes each delivered record's ERP key to FIELD of
 * its CRM record, unless the CRM already has it ({@code current}: the canonical field holding the CRM's value, so
 * the echo of a write-back writes nothing). Off when bridge.flows.FLOW.write-back is false.
 */
final class CrmWriteBackEndpoint extends BridgeEndpoint {
    private final String sobject;
    private String writeBack;
    private String current;
    private volatile boolean enabled;

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

    @Override
    void startForFlow() throws Exception {
        Boolean on = services().cfg().flowValue(getFlow(), "write-back", Boolean.class);
        enabled = on == null || on;
        if (enabled && (writeBack == null || writeBack.isBlank() || current == null || current.isBlank())) {
            throw new IllegalArgumentException(getEndpointUri() + ": with bridge.flows." + getFlow() + ".write-back on,"
                    + " writeBack= names the CRM field the ERP key goes to and current= the canonical field holding"
                    + " the CRM's value of it");
        }
        if (enabled) {
            parts().delivery.writeBack(services().crm(), sobject, writeBack, current);
        }
    }

    @Override
    void process(Exchange exchange) {
        if (enabled) {
            parts().delivery.writeBack(exchange);
        }
    }
}
