package io.cebridge.component;

import io.cebridge.cleanse.Cleanser;
import io.cebridge.connector.erp.jdbc.JdbcUpsertWriter;
import io.cebridge.flow.DeadLetterReplay;
import io.cebridge.flow.KafkaBatchCommit;
import io.cebridge.flow.crmtoerp.CrmIngest;
import io.cebridge.flow.crmtoerp.RecordBatch;
import io.cebridge.flow.crmtoerp.WaitingRecords;
import io.cebridge.mapping.MappingHandle;
import org.apache.camel.Component;
import org.apache.camel.Exchange;

/** One named step of a flow's route; see {@link StepComponent} for the steps and their options. */
final class StepEndpoint extends BridgeEndpoint {
    private static final KafkaBatchCommit KAFKA_COMMIT = new KafkaBatchCommit();
    private final String step;
    private String mapping;
    private String rules;
    private boolean usccRequired;
    private String phoneRegion;
    private boolean rejectInvalidPhone;
    private String text;
    private String email;
    private String phone;
    private String regionField;
    private String required;
    private String entity;
    private String field;
    private String target;
    private String parentTable;
    private String parentKey;
    private String parentColumns;
    private String object;
    private String parentField;
    private String fields;
    private String as;
    private String idField;
    private String in;
    private String sql;
    private volatile io.cebridge.connector.erp.jdbc.ErpQuery query;
    private volatile MappingHandle handle;
    private volatile Cleanser cleanser;
    private volatile JdbcUpsertWriter parent;
    private volatile DeadLetterReplay replay;

    StepEndpoint(String uri, Component component, String step) {
        super(uri, component);
        this.step = step;
    }

    // options: set by Camel from the endpoint's parameters
    public void setMapping(String v) { mapping = v; }
    public void setRules(String v) { rules = v; }
    public void setUsccRequired(boolean v) { usccRequired = v; }
    public void setPhoneRegion(String v) { phoneRegion = v; }
    public void setRejectInvalidPhone(boolean v) { rejectInvalidPhone = v; }
    public void setText(String v) { text = v; }
    public void setEmail(String v) { email = v; }
    public void setPhone(String v) { phone = v; }
    public void setRegionField(String v) { regionField = v; }
    public void setRequired(String v) { required = v; }
    public void setEntity(String v) { entity = v; }
    public void setField(String v) { field = v; }
    public void setTarget(String v) { target = v; }
    public void setParentTable(String v) { parentTable = v; }
    public void setParentKey(String v) { parentKey = v; }
    public void setParentColumns(String v) { parentColumns = v; }
    public void setObject(String v) { object = v; }
    public void setParentField(String v) { parentField = v; }
    public void setFields(String v) { fields = v; }
    public void setAs(String v) { as = v; }
    public void setIdField(String v) { idField = v; }
    public void setIn(String v) { in = v; }
    public void setSql(String v) { sql = v; }

    @Override
    void startForFlow() throws Exception {
        FlowParts p = parts();
        switch (step) {
            case "map" -> {
                if (mapping == null || mapping.isBlank()) {
                    throw new IllegalArgumentException(getEndpointUri() + ": mapping= names the mapping file");
                }
                handle = services().mappings().handle(ErpMappings.forErp(services().cfg(), services().mappings().root(),
                        mapping));
            }
            case "cleanse" -> cleanser = CleanseRules.of(rules, usccRequired, phoneRegion, rejectInvalidPhone, text, email,
                    phone, regionField, required);
            case "decode" -> p.delivery.entity(entity == null || entity.isBlank() ? getFlow() : entity);
            case "link" -> startLink(p);
            case "enrich" -> {
                if (sql != null && !sql.isBlank()) {
                    if (as == null || as.isBlank()) {
                        throw new IllegalArgumentException(getEndpointUri() + ": as= names the field the ERP row goes to");
                    }
                    query = io.cebridge.connector.erp.jdbc.ErpQuery.fromFile(services().erp().get(),
                            services().mappings().root(), sql);
                }
            }
            case "require" -> {
                if (rules != null && !rules.isBlank() && KingdeeErp.configured(services().cfg())) {
                    // over Kingdee's WebAPI the rules' twin (F.kingdee.yaml) names forms, read with ExecuteBillQuery
                    KingdeeErp kingdee = ((ErpComponent) getCamelContext().getComponent("erp")).kingdee(services().cfg());
                    p.requirements = io.cebridge.flow.crmtoerp.Requirements.load(services().mappings().root(),
                            ErpMappings.forErp(services().cfg(), services().mappings().root(), rules), kingdee::finder);
                } else if (rules != null && !rules.isBlank()) {
                    p.requirements = io.cebridge.flow.crmtoerp.Requirements.load(services().mappings().root(), rules,
                            services().erp().get());
                }
            }
            case "retry", "retried" -> replay = new DeadLetterReplay(getFlow(), CrmIngest.STAGE,
                    services().store().deadLetters(), p.ingest::toEvent, p.ingest::ready);
            default -> { }
        }
    }

    private void startLink(FlowParts p) {
        if (entity == null || entity.isBlank()) {
            return; // the flow's records have no parent
        }
        if (field == null || field.isBlank() || target == null || target.isBlank()) {
            throw new IllegalArgumentException(getEndpointUri() + ": entity=, field= and target= are required");
        }
        p.link = new FlowParts.Link(entity, field);
        // over Kingdee's WebAPI there is no parent table to read (customer-master writes no country to BD_Customer):
        // the records get no parent row and their rules fall back to their defaults (phones: the default region)
        if (parentTable != null && !parentTable.isBlank() && !KingdeeErp.configured(services().cfg())) {
            parent = new JdbcUpsertWriter(services().erp().get(), parentTable, parentKey, null, list(parentColumns));
        }
    }

    @Override
    void process(Exchange exchange) throws Exception {
        FlowParts p = parts();
        switch (step) {
            case "lease" -> {
                io.cebridge.flow.crmtoerp.WriteBackOutbox box = p.outbox;
                if (box != null) {
                    box.awaitFirstLook(); // what a crash left reaches the CRM before the poll reads those records again
                }
                if (p.lease.start(exchange) && box != null) {
                    box.awaitSentBeforeNow(); // likewise what the instance this one takes over from left
                }
            }
            case "children" -> {
                if (object != null && !object.isBlank()) { // without an object the flow reads no children
                    io.cebridge.flow.crmtoerp.CrmEnrichment.children(ingestBatch(exchange, p), services().crm(), object,
                            parentField, list(fields), as);
                }
            }
            case "lookup" -> {
                if (object != null && !object.isBlank()) {
                    io.cebridge.flow.crmtoerp.CrmEnrichment.lookup(ingestBatch(exchange, p), services().crm(), object,
                            idField, list(fields), in);
                }
            }
            case "map" -> map(exchange, p);
            case "cleanse" -> cleanse(exchange, p);
            case "publish" -> p.ingest.publish(exchange);
            case "commit-page" -> {
                p.source.commitPage(exchange);
                p.lease.renew(exchange);
            }
            case "cycle" -> services().stats().of(getFlow()).pollCycles.incrementAndGet();
            case "decode" -> p.delivery.decode(exchange);
            case "link" -> {
                if (entity != null && !entity.isBlank()) {
                    p.delivery.link(exchange, entity, field, target, parent);
                }
            }
            case "enrich" -> {
                io.cebridge.connector.erp.jdbc.ErpQuery q = query;
                if (q != null) {
                    p.delivery.enrich(exchange, q, in, as);
                }
            }
            case "require" -> {
                io.cebridge.flow.crmtoerp.Requirements r = p.requirements;
                if (rules != null && !rules.isBlank() && r != null) {
                    p.delivery.require(exchange, r);
                }
            }
            case "record" -> p.delivery.record(exchange);
            case "commit" -> KAFKA_COMMIT.commit(exchange);
            case "retry" -> replay.take(exchange);
            case "retried" -> replay.done(exchange);
            case "release" -> {
                FlowParts.Link l = p.link;
                if (l != null) {
                    WaitingRecords.release(getFlow(), services().store().deadLetters(), services().store().xref(),
                            l.entity(), l.field());
                }
                io.cebridge.flow.crmtoerp.Requirements r = p.requirements;
                if (r != null) {
                    WaitingRecords.releaseResolved(getFlow(), services().store().deadLetters(), r);
                }
                io.cebridge.flow.crmtoerp.CreateClaims claims = p.delivery.createClaims();
                if (claims != null) {
                    WaitingRecords.releaseClaimed(getFlow(), services().store().deadLetters(), services().store().xref(),
                            claims);
                }
            }
            default -> throw new IllegalStateException("unknown step " + step);
        }
    }

    private static RecordBatch ingestBatch(Exchange exchange, FlowParts p) throws Exception {
        RecordBatch batch = exchange.getProperty(RecordBatch.PROPERTY, RecordBatch.class);
        if (batch == null) {
            return p.ingest.begin(exchange);
        }
        if (!batch.ingest()) {
            throw new IllegalStateException("step:children and step:lookup complete CRM records at ingest, before step:map");
        }
        return batch;
    }

    private void map(Exchange exchange, FlowParts p) throws Exception {
        RecordBatch batch = exchange.getProperty(RecordBatch.PROPERTY, RecordBatch.class);
        if (batch == null) {
            p.ingest.map(p.ingest.begin(exchange), handle);
        } else if (batch.ingest()) {
            p.ingest.map(batch, handle);
        } else {
            p.delivery.map(exchange, handle);
        }
    }

    private void cleanse(Exchange exchange, FlowParts p) throws Exception {
        RecordBatch batch = exchange.getProperty(RecordBatch.PROPERTY, RecordBatch.class);
        if (batch == null) {
            batch = p.ingest.begin(exchange);
        }
        if (cleanser == null) {
            return;
        }
        if (batch.ingest()) {
            p.ingest.cleanse(batch, cleanser);
        } else {
            p.delivery.cleanse(exchange, cleanser);
        }
    }
}
