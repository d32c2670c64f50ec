package io.cebridge.runtime;

import io.cebridge.connector.crm.CrmPageSource;
import io.cebridge.connector.crm.CrmRecordWriter;

/**
 * Replacements for the outermost endpoints of the flows, used by `replay` (recorded input, captured output) and
 * `record` (a tap around the real connectors); null fields keep the configured connector.
 */
public record ConnectorOverrides(CrmPageSource source, CrmRecordWriter writer, ConnectorTap tap,
                                 io.cebridge.flow.DeliveryListener listener) {
    public static final ConnectorOverrides NONE = new ConnectorOverrides(null, null, ConnectorTap.NONE, null);

    public ConnectorOverrides(CrmPageSource source, CrmRecordWriter writer, ConnectorTap tap) {
        this(source, writer, tap, null);
    }

    /** Wraps whichever connectors are in use, to observe what passes through them. */
    public interface ConnectorTap {
        ConnectorTap NONE = new ConnectorTap() {
        };

        default CrmPageSource source(CrmPageSource source) {
            return source;
        }

        default CrmRecordWriter writer(CrmRecordWriter writer) {
            return writer;
        }
    }
}
