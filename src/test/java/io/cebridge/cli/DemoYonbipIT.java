package io.cebridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.yonbip.YonbipDemo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: `demo --once --erp yonbip` not writing the demo CRM's accounts to YonBIP's customer archive with their
 * codes back, running a flow YonBIP cannot serve, or printing the stand-in's app secret.
 */
class DemoYonbipIT {
    @TempDir
    Path tmp;

    @Test
    void onceMakesTheAccountsMerchantsWithTheirCodesBack() throws Exception {
        DemoRun run = DemoRun.of(tmp, "--once", "--erp", "yonbip");
        assertThat(run.exit).as(run.out).isZero();
        assertThat(run.out).contains("flows on YonBIP: customer-master; not available on YonBIP")
                .containsPattern("not available on YonBIP[^\\n]*quote-to-order");
        DemoOnStandIn left = run.command.standInRun;
        YonbipDemo demo = (YonbipDemo) left.standIn;
        DemoAccountStore accounts = left.accounts;
        assertThat(run.out).doesNotContain(demo.appSecret());
        assertThat(run.out).doesNotContain("quote-to-order: read=").doesNotContain("product-catalog: read=");

        Map<String, Map<String, Object>> byCode = new HashMap<>();
        demo.standIn().merchants().forEach(m -> byCode.put(m.get("code").toString(), m));
        List<Map<String, Object>> numbered = accounts.all().stream().filter(a -> a.get("ERP_Customer_No__c") != null)
                .toList();
        assertThat(numbered).hasSizeGreaterThan(90).hasSize(byCode.size());
        assertThat(run.count("customer-master", "delivered")).isEqualTo(numbered.size());
        for (Map<String, Object> a : numbered) {
            Map<String, Object> m = byCode.get(a.get("ERP_Customer_No__c").toString());
            assertThat(m).as("merchant of " + a.get("Id")).isNotNull();
            assertThat(m).containsEntry("erpCode", a.get("Id")).containsEntry("createOrg_code", YonbipDemo.ORG);
        }
    }
}
