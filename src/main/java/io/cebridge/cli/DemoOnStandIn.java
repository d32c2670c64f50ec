package io.cebridge.cli;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.ConfigException;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.demo.DemoStandInErp;
import io.cebridge.demo.kingdee.KingdeeDemo;
import io.cebridge.demo.yonbip.YonbipDemo;
import io.cebridge.runtime.BridgeRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * `demo --erp kingdee|yonbip`: the demo CRM and the seeded stand-in of an ERP reached over its own API, with the
 * flows that ERP supports switched on and the others off. The stand-in lives in memory and starts anew on every run,
 * so the bridge's state (cross-reference, watermarks, what was sent) starts anew too, in its own data directory
 * (data/demo-kingdee ...): state of an earlier run would name documents that no longer exist.
 */
final class DemoOnStandIn {
    private final DemoCommand command;
    private final DemoErp erp;
    /** What the run left, for a look afterwards (the tests read the CRM and the ERP through these). */
    DemoAccountStore accounts;
    DemoObjectStore objects;
    DemoStandInErp standIn;

    DemoOnStandIn(DemoCommand command, DemoErp erp) {
        this.command = command;
        this.erp = erp;
    }

    int run(boolean once) throws Exception {
        Map<String, String> own = new HashMap<>();
        Path dataDir;
        DemoFlowChoice flows;
        try {
            dataDir = command.settings(Map.of()).dataDir().resolve("demo-" + erp);
            own.put("bridge.data-dir", dataDir.toString());
            BridgeConfig probe = command.settings(own);
            flows = DemoFlowChoice.of(probe.catalog(), BridgeRuntime.mappingsDir(probe), erp.type);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return ConfigOptions.BAD_CONFIG;
        }
        accounts = DemoAccountStore.seeded(Clock.systemUTC());
        objects = new DemoObjectStore(Clock.systemUTC());
        String secret = UUID.randomUUID().toString();
        try (DemoSalesforceServer crm = new DemoSalesforceServer(accounts, objects, "ce-bridge-demo", secret)) {
            crm.start(0);
            standIn = erp == DemoErp.KINGDEE ? KingdeeDemo.start(accounts, objects) : YonbipDemo.start();
            try {
                wipe(dataDir);
                own.putAll(DemoCommand.crmSettings(crm, secret));
                own.putAll(standIn.settings());
                own.putAll(flows.settings());
                BridgeConfig cfg = command.settings(own);
                System.out.println("demo CRM (Salesforce API subset) at " + crm.loginUrl() + " with " + accounts.size()
                        + " accounts; records of a type: curl " + crm.loginUrl() + "/demo/sobjects/{type}");
                System.out.println(standIn.describe());
                System.out.println("flows on " + erp.label + ": " + String.join(", ", flows.run()) + "; not available on "
                        + erp.label + " (they need an ERP database): " + String.join(", ", flows.notAvailable()));
                Duration timeout = Duration.ofMinutes(30);
                int rc = RunCommand.runWith(cfg, once, timeout, once
                        ? runtime -> DemoLinkRound.settle(runtime, cfg.catalog(), timeout) : runtime -> Optional.empty());
                if (once) {
                    standIn.outcome(accounts, objects).forEach(System.out::println);
                    System.out.println(crm.summary());
                    System.out.println("dead letters: BRIDGE_DATA_DIR=" + dataDir + " java -jar target/ce-bridge.jar dlq list");
                }
                return rc;
            } finally {
                standIn.close();
            }
        }
    }

    /** Removes the state of an earlier run of this demo (its own directory under the data dir, nothing else). */
    private static void wipe(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            io.cebridge.runtime.FileTrees.delete(dir);
        }
    }
}
