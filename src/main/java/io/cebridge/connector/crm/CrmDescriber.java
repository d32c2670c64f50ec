package io.cebridge.connector.crm;

import java.util.Map;
import java.util.Optional;

/**
 * A CRM that can say what an object's fields are (Salesforce's {@code GET .../sobjects/{type}/describe}), so what a
 * mapping writes can be checked against the org before anything is sent. Writers that cannot describe (recordings,
 * test captures) do not implement it, and nothing is checked against them.
 */
public interface CrmDescriber {
    /** The describe body of an sObject type; empty when the org has no such type. Answers are kept for the run. */
    Optional<Map<String, Object>> describe(String sobject);
}
