package io.cebridge.component;

import java.util.Map;
import java.util.Set;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code crm:OBJECT}: the CRM of this installation (bridge.crm.type), as endpoints. With {@code fields} it reads the
 * object's next page of changes since the flow's watermark; with {@code writeBack} it writes the ERP key of each
 * delivered record back to that field.
 */
public final class CrmComponent extends DefaultComponent {
    private static final Set<String> READ = Set.of("flow", "fields", "where", "lookback");
    private static final Set<String> WRITE_BACK = Set.of("flow", "writeBack", "current", "alsoObject", "alsoId", "alsoCurrent",
            "idWriteBack");

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining.isBlank() || !remaining.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(uri + ": name the CRM object, e.g. crm:Account");
        }
        boolean read = parameters.containsKey("fields");
        boolean writeBack = parameters.containsKey("writeBack");
        if (read == writeBack) {
            throw new IllegalArgumentException(uri + ": give either fields= (read changes) or writeBack= (write the ERP"
                    + " key back)");
        }
        BridgeEndpoint.only("crm:" + remaining + (read ? " (read)" : " (write-back)"), parameters, read ? READ : WRITE_BACK);
        BridgeEndpoint e = read ? new CrmChangesEndpoint(uri, this, remaining) : new CrmWriteBackEndpoint(uri, this, remaining);
        setProperties(e, parameters);
        return e;
    }
}
