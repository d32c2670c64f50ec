package io.cebridge.connector.erp.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.Secret;
import io.cebridge.store.Pools;
import io.cebridge.store.StateStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Guards: the look-back's memory of rows already handed on growing without bound (a bulk update inside one window),
// and a capped memory losing a change instead of naming its document again.
class ErpChangePollerTest {
    @TempDir
    Path tmp;
    private com.zaxxer.hikari.HikariDataSource erp;
    private StateStore store;
    private final DefaultCamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void setUp() throws Exception {
        erp = Pools.open("erp-test", "jdbc:h2:mem:poller" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "", new Secret(""), 2);
        execute("CREATE TABLE erp_invoice_line (invoice_no VARCHAR(20), line_no INT, updated_at TIMESTAMP(6),"
                + " PRIMARY KEY (invoice_no, line_no))");
        for (int i = 1; i <= 10; i++) {
            execute("INSERT INTO erp_invoice_line VALUES ('INV-" + i + "', 1, LOCALTIMESTAMP)");
        }
        store = StateStore.open(BridgeConfig.load(null, Map.of(), new Properties(),
                Map.of("bridge.data-dir", tmp.toString())), 2);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
        erp.close();
        camel.close();
    }

    @Test
    void rowsBeyondTheMemoryCapAreNamedAgainOnReReadNeverLost() throws Exception {
        ErpChangePoller poller = new ErpChangePoller(erp, store.watermarks(), "f", List.of(new ChangeTable(
                "erp_invoice_line", List.of("invoice_no", "line_no"), "invoice_no", "invoice")), Duration.ofMinutes(1), 100)
                .seenLimit(4);
        assertThat(poll(poller)).hasSize(10);
        // the whole window is read again (it has not settled): the 4 remembered rows name nothing, the other 6 do
        assertThat(poll(poller)).hasSize(6);
        execute("UPDATE erp_invoice_line SET updated_at = LOCALTIMESTAMP WHERE invoice_no = 'INV-1'");
        assertThat(poll(poller)).as("a changed row is named whatever the memory holds").contains("INV-1");
    }

    /** One poll cycle over every page, committing each page as the route does; returns the documents named. */
    @SuppressWarnings("unchecked")
    private List<String> poll(ErpChangePoller poller) throws Exception {
        Exchange e = new DefaultExchange(camel);
        List<String> docs = new ArrayList<>();
        do {
            poller.readPage(e);
            for (DocumentRef d : (List<DocumentRef>) e.getMessage().getBody(List.class)) {
                docs.add(d.key());
            }
            poller.commitPage(e);
        } while (Boolean.TRUE.equals(e.getProperty(ErpChangePoller.MORE_PAGES, Boolean.class)));
        return docs;
    }

    private void execute(String sql) throws Exception {
        try (Connection c = erp.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
