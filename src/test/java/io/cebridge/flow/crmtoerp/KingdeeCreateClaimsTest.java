package io.cebridge.flow.crmtoerp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.BridgeConfig;
import io.cebridge.connector.erp.kingdee.KingdeeClient;
import io.cebridge.connector.erp.kingdee.KingdeeFormWriter;
import io.cebridge.connector.erp.kingdee.KingdeeForms;
import io.cebridge.connector.erp.kingdee.KingdeeSettings;
import io.cebridge.demo.kingdee.KingdeeStandIn;
import io.cebridge.flow.DeadLetters;
import io.cebridge.flow.FlowStats;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.StateStore;
import io.cebridge.store.XrefEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The create claims over Kingdee's WebAPI (the stand-in), where the writer claims and shares customers by tax code
 * itself: an account whose tax code another delivery is creating is not sent to Kingdee; it waits, and once that
 * account is linked it is sent again and shares its customer. The rest of its batch goes on.
 */
class KingdeeCreateClaimsTest {
    private static final String FLOW = "customer-master";
    private static final String SECRET = "kd-app-secret-for-test";
    private static final String X = "91440300MA5FL0001X";
    @TempDir
    Path tmp;
    private KingdeeStandIn kingdee;
    private StateStore store;
    private CreateClaims claims;
    private ErpApiDelivery delivery;
    private DefaultCamelContext camel;

    @BeforeEach
    void open() throws Exception {
        kingdee = KingdeeStandIn.standard(SECRET, "F_CRM_ID").start(0);
        Map<String, String> settings = new HashMap<>(kingdee.bridgeSettings(SECRET));
        settings.put("bridge.erp.kingdee.org-number", "100");
        settings.put("bridge.data-dir", tmp.resolve("data").toString());
        BridgeConfig cfg = BridgeConfig.load(null, Map.of(), new Properties(), settings);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:" + tmp.resolve("store").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
        store = new StateStore(ds);
        DeadLetters letters = new DeadLetters(store.deadLetters(), new FlowStats());
        claims = new CreateClaims(FLOW, () -> "customer", store.createClaims(), store.xref(), letters,
                Duration.ofMinutes(2));
        KingdeeFormWriter writer = new KingdeeFormWriter(new KingdeeForms(new KingdeeClient(KingdeeSettings.from(cfg))),
                new KingdeeFormWriter.Target("BD_Customer", "FCUSTID", "FNumber", "F_CRM_ID", "100", false,
                        "FTaxRegisterCode"));
        delivery = new ErpApiDelivery(FLOW, letters, writer, "DUPLICATE_USCC_LINKED", claims);
        camel = new DefaultCamelContext();
    }

    @AfterEach
    void close() throws Exception {
        camel.close();
        store.close();
        kingdee.close();
    }

    @Test
    void anAccountWhoseTaxCodeAnotherIsCreatingWaitsThenSharesItsCustomer() throws Exception {
        assertThat(delivery.createClaims()).isSameAs(claims);
        store.createClaims().claim("customer", Map.of(X, "001A"), Duration.ofMinutes(2)); // another instance, mid-create

        FlowRecord b = record("001B", X);
        FlowRecord c = record("001C", "91440300MA5FL0002Y");
        write(b, c);
        assertThat(b.outcome).isEqualTo(FlowRecord.Outcome.WAITING);
        assertThat(c.outcome).as("the rest of the batch goes on").isEqualTo(FlowRecord.Outcome.CREATED);
        assertThat(kingdee.customers()).extracting(d -> d.get("F_CRM_ID")).containsExactly("001C");
        assertThat(store.deadLetters().open(FLOW, CreateClaims.CLAIMED_BY_OTHER)).singleElement()
                .satisfies(d -> assertThat(d.reason()).contains("CRM record 001A holds the claim", "FTaxRegisterCode"));

        FlowRecord a = record("001A", X);
        write(a);
        assertThat(a.outcome).isEqualTo(FlowRecord.Outcome.CREATED);
        store.xref().upsert("customer", List.of(new XrefEntry("001A", a.erpNo, a.sourceVersion)));
        WaitingRecords.releaseClaimed(FLOW, store.deadLetters(), store.xref(), claims);
        assertThat(store.deadLetters().list(FLOW, false)).singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DeadLetter.RETRY_REQUESTED));

        FlowRecord again = record("001B", X);
        write(again);
        assertThat(again.outcome).isEqualTo(FlowRecord.Outcome.LINKED);
        assertThat(again.erpNo).isEqualTo(a.erpNo);
        assertThat(kingdee.customers()).hasSize(2);
    }

    private void write(FlowRecord... records) {
        RecordBatch batch = new RecordBatch(false);
        batch.records.addAll(List.of(records));
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(RecordBatch.PROPERTY, batch);
        delivery.write(exchange);
    }

    private static FlowRecord record(String id, String taxCode) {
        Map<String, Object> event = new LinkedHashMap<>(Map.of("sourceId", id, "name", "金蝶认领客户 " + id));
        FlowRecord r = new FlowRecord(id, "2026-12-01T00:00:00.000Z", event, io.cebridge.json.Json.write(event));
        r.erpRow = new LinkedHashMap<>(Map.of("FName", "金蝶认领客户 " + id, "FTaxRegisterCode", taxCode));
        return r;
    }
}
