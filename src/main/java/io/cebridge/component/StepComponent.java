package io.cebridge.component;

import java.util.Map;
import java.util.Set;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code step:NAME}: the named, reusable processors of ce-bridge that a route lists between its CRM and ERP endpoints.
 * Each takes the options listed here, always with {@code flow}:
 * <ul>
 * <li>{@code lease}: only the instance holding the flow's poll lease polls in this cycle;</li>
 * <li>{@code children?object=O&parentField=F&fields=..&as=NAME}: each record's child records (an Opportunity's
 * OpportunityLineItems) as a list; {@code lookup?object=O&idField=XId&fields=..[&in=NAME]}: the fields of the record
 * a lookup field points at, under the relationship name (see {@link io.cebridge.flow.crmtoerp.CrmEnrichment});</li>
 * <li>{@code map?mapping=FILE}: the mapping file (under mappings/) on every record, CRM -> canonical at ingest,
 * canonical -> ERP row in delivery;</li>
 * <li>{@code cleanse?rules=customer|fields&...}: a rule set (see {@link CleanseRules});</li>
 * <li>{@code publish}: the ingest batch's canonical events as Kafka messages keyed by CRM id;</li>
 * <li>{@code commit-page}: moves the watermark past the page just published; {@code cycle}: counts a poll cycle;</li>
 * <li>{@code decode?entity=E}: a Kafka batch as canonical events, stale and already-applied versions set aside;</li>
 * <li>{@code link?entity=E&field=F&target=T[&parentTable&parentKey&parentColumns]}: waits for the parent's link;</li>
 * <li>{@code enrich?sql=FILE&as=NAME[&in=LIST]}: in delivery, the first row of a query (under mappings/, named
 * parameters from the record) under NAME of the record or of each element of LIST (see
 * {@link io.cebridge.flow.crmtoerp.ErpEnrichment});</li>
 * <li>{@code require?rules=FILE}: all or nothing: a record waits (NEEDS_MAPPING) until everything the rules file
 * (under mappings/) names exists in the ERP (see {@link io.cebridge.flow.crmtoerp.Requirements});</li>
 * <li>{@code record}: cross-references, audit and counters; {@code commit}: acknowledges the Kafka batch;</li>
 * <li>{@code retry} / {@code retried}: dead letters marked with `dlq retry` back on the topic; {@code release}:
 * records waiting for a parent that is now linked, for ERP data that now exists, or for another record's create of
 * their claim value (CLAIMED_BY_OTHER) that is now linked or lapsed, are marked for retry.</li>
 * </ul>
 */
public final class StepComponent extends DefaultComponent {
    private static final Map<String, Set<String>> OPTIONS = Map.ofEntries(
            Map.entry("lease", Set.of("flow")),
            Map.entry("children", Set.of("flow", "object", "parentField", "fields", "as")),
            Map.entry("lookup", Set.of("flow", "object", "idField", "fields", "in")),
            Map.entry("map", Set.of("flow", "mapping")),
            Map.entry("cleanse", CleanseRules.OPTIONS),
            Map.entry("publish", Set.of("flow")),
            Map.entry("commit-page", Set.of("flow")),
            Map.entry("cycle", Set.of("flow")),
            Map.entry("decode", Set.of("flow", "entity")),
            Map.entry("require", Set.of("flow", "rules")),
            Map.entry("enrich", Set.of("flow", "sql", "in", "as")),
            Map.entry("link", Set.of("flow", "entity", "field", "target", "parentTable", "parentKey", "parentColumns")),
            Map.entry("record", Set.of("flow")),
            Map.entry("commit", Set.of("flow")),
            Map.entry("retry", Set.of("flow")),
            Map.entry("retried", Set.of("flow")),
            Map.entry("release", Set.of("flow")));

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Set<String> allowed = OPTIONS.get(remaining);
        if (allowed == null) {
            throw new IllegalArgumentException(uri + ": no step '" + remaining + "'; the steps are "
                    + new java.util.TreeSet<>(OPTIONS.keySet()));
        }
        BridgeEndpoint.only("step:" + remaining, parameters, allowed);
        if (!parameters.containsKey("flow")) {
            throw new IllegalArgumentException(uri + ": every step needs flow=NAME");
        }
        StepEndpoint e = new StepEndpoint(uri, this, remaining);
        setProperties(e, parameters);
        return e;
    }
}
