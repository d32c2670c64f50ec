package io.cebridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.instance.InstanceFlowRepository;
import io.cebridge.reconcile.Finding;
import io.cebridge.reconcile.LastReports;
import io.cebridge.reconcile.ReconcileReport;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards: migration V7 (the running instances' flows, the last scheduled reconcile) or the code writing its tables
 * working on H2 only and failing on PostgreSQL or MariaDB; a second save leaving the first one's rows behind.
 */
class OpsStoreTablesIT {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void instanceFlowsAndLastReconcileReportsAreReplacedNotAdded(String kind) throws Exception {
        try (ThrowawayStoreDatabase db = ThrowawayStoreDatabase.create(kind, tmp);
             StateStore store = db.open("it-store")) {
            InstanceFlowRepository instances = new InstanceFlowRepository(store.dataSource());
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            instances.save("1@a", List.of(new InstanceFlowRepository.FlowState("1@a", "customer-master", "running", null,
                    now.minusSeconds(60))));
            instances.save("1@a", List.of(new InstanceFlowRepository.FlowState("1@a", "customer-master", "failed",
                    "x".repeat(1500), now)));
            instances.save("2@b", List.of(new InstanceFlowRepository.FlowState("2@b", "contacts", "running", null,
                    now.minusSeconds(600))));
            assertThat(instances.seenSince(now.minusSeconds(30))).singleElement().satisfies(f -> {
                assertThat(f.state()).isEqualTo("failed");
                assertThat(f.detail()).hasSize(1000).endsWith("...");
                assertThat(f.seenAt()).isEqualTo(now);
            });
            instances.remove("1@a");
            assertThat(instances.seenSince(now.minusSeconds(3600))).extracting(InstanceFlowRepository.FlowState::flow)
                    .containsExactly("contacts");

            LastReports last = new LastReports(store.dataSource());
            last.save(new ReconcileReport("customer-master", "Account", "erp_customer", 3, 2, 1, 0, List.of(
                    new Finding(Finding.Kind.DIFFERENT, "001A", "100001", "", List.of(
                            new Finding.ColumnDifference("phone", "+8613800138000", "+8613900139000"))),
                    new Finding(Finding.Kind.ONLY_IN_CRM, "001B", null, "never delivered", List.of()))), now);
            assertThat(last.all()).singleElement().satisfies(l -> assertThat(l.reportJson())
                    .contains("\"DIFFERENT\":1").contains("+8**********00").doesNotContain("+8613800138000"));
            last.save(new ReconcileReport("customer-master", "Account", "erp_customer", 3, 3, 2, 0, List.of(
                    new Finding(Finding.Kind.ONLY_IN_CRM, "001B", null, "never delivered", List.of()))), now);
            last.failed("expenses", now, "cannot read the ERP: " + "y".repeat(2500));
            assertThat(last.all()).extracting(LastReports.Last::flow).containsExactly("customer-master", "expenses");
            LastReports.Last cm = last.all().get(0);
            assertThat(cm.agrees()).isFalse();
            assertThat(cm.reportJson()).contains("\"ONLY_IN_CRM\":1").contains("\"DIFFERENT\":0");
            assertThat(last.all().get(1).error()).hasSize(2000);
            assertThat(last.all().get(1).reportJson()).isNull();
        }
    }
}
