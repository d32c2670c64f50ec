package io.cebridge.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.config.BridgeConfig;
import io.cebridge.config.Secret;
import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.erp.reference.ReferenceErpInstaller;
import io.cebridge.store.Pools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `demo`: a bundled Salesforce-compatible demo CRM (in-process), a seeded reference ERP on H2 and the embedded
 * Kafka broker, running the flows, so a newcomer sees accounts become ERP customers in the first minute. With
 * {@code --erp kingdee|yonbip} the ERP is the seeded stand-in of that ERP's API instead ({@link DemoOnStandIn}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the flows against a bundled demo CRM and a seeded demo ERP (H2, or with --erp a stand-in of"
                + " Kingdee's or YonBIP's API), all embedded; reads no ./config, environment or -D settings unless"
                + " --config is given.")
public final class DemoCommand implements Callable<Integer> {
    /** The flows of the order-to-cash story the demo runs beside customer-master and every ERP -> CRM flow. */
    static final List<String> ORDER_TO_CASH = List.of("quote-to-order", "order-status", "returns", "return-status");

    @Mixin
    ConfigOptions config;

    @Option(names = "--once", description = "Run one full cycle, print a summary per flow and exit.")
    boolean once;

    @Option(names = "--erp", paramLabel = "ERP", converter = DemoErp.Converter.class,
            description = "The ERP: reference (default: the reference ERP on H2, every flow), kingdee or yonbip (a"
                    + " seeded stand-in of that ERP's API on this machine, the flows it supports).")
    DemoErp erp = DemoErp.REFERENCE;

    /** The last run against an ERP stand-in, for a look at what it left (tests). */
    DemoOnStandIn standInRun;

    @Override
    public Integer call() throws Exception {
        if (erp != DemoErp.REFERENCE) {
            standInRun = new DemoOnStandIn(this, erp);
            return standInRun.run(once);
        }
        String secret = UUID.randomUUID().toString();
        DemoAccountStore accounts = DemoAccountStore.seeded(Clock.systemUTC());
        DemoObjectStore objects = new DemoObjectStore(Clock.systemUTC());
        try (DemoSalesforceServer crm = new DemoSalesforceServer(accounts, objects, "ce-bridge-demo", secret)) {
            crm.start(0);
            Map<String, String> demo = new HashMap<>(crmSettings(crm, secret));
            BridgeConfig probe;
            try {
                probe = settings(Map.of());
            } catch (io.cebridge.config.ConfigException e) {
                System.err.println(e.getMessage());
                return ConfigOptions.BAD_CONFIG;
            }
            // every ERP -> CRM flow of the route files: the demo ERP is seeded, the demo CRM takes what they write
            for (io.cebridge.config.FlowCatalog.Flow flow : probe.catalog().flows()) {
                if (flow.templates().contains("erp-to-crm-ingest")) {
                    demo.put("bridge.flows." + flow.name() + ".enabled", "true");
                    demo.put("bridge.flows." + flow.name() + ".poll-interval", "5s");
                }
            }
            Path erpDir = probe.dataDir().resolve("demo-erp");
            String erpUrl = "jdbc:h2:file:" + erpDir.resolve("erp").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
            demo.put("bridge.erp.jdbc-url", erpUrl);
            demo.put("bridge.erp.username", "");
            boolean freshErp = prepareErp(erpDir, erpUrl);
            seedPriceBooks(erpUrl, objects, standardPriceBookCode(probe));
            // accepted quotes become ERP orders, and their status comes back; a return case becomes an ERP return
            for (String flow : ORDER_TO_CASH) {
                if (probe.catalog().flows().stream().anyMatch(f -> f.name().equals(flow))) {
                    demo.put("bridge.flows." + flow + ".enabled", "true");
                    demo.put("bridge.flows." + flow + ".poll-interval", "5s");
                }
            }
            try (HikariDataSource ds = Pools.open("demo-erp-quotes", erpUrl, "", new Secret(""), 1)) {
                io.cebridge.demo.DemoOrderToCash.seed(ds, freshErp, objects, accounts);
            }
            BridgeConfig cfg = settings(demo);
            System.out.println("demo CRM (Salesforce API subset) at " + crm.loginUrl() + " with " + accounts.size()
                    + " accounts; demo ERP at " + erpUrl);
            int rc = RunCommand.runWith(cfg, once, Duration.ofMinutes(30));
            if (once) {
                printOutcome(erpUrl, accounts);
                System.out.println(crm.summary() + "; records of a type: curl " + crm.loginUrl()
                        + "/demo/sobjects/{type}");
            }
            return rc;
        }
    }

    /** The settings pointing ce-bridge at the demo CRM (its client secret among them), customer-master polling it often. */
    static Map<String, String> crmSettings(DemoSalesforceServer crm, String secret) {
        Map<String, String> demo = new HashMap<>();
        demo.put("bridge.crm.salesforce.login-url", crm.loginUrl());
        demo.put("bridge.crm.salesforce.allow-insecure-http", "true"); // the demo CRM is on this machine
        demo.put("bridge.crm.salesforce.client-id", "ce-bridge-demo");
        demo.put("bridge.crm.salesforce.client-secret", secret);
        demo.put("bridge.flows.customer-master.poll-interval", "5s");
        return demo;
    }

    /**
     * The demo's own settings over the defaults, and nothing else: a ./config, environment variables or -D in this
     * directory describe real systems the demo must never write to. With --config DIR, that configuration as well.
     */
    BridgeConfig settings(Map<String, String> demo) {
        return config.loadOwn(demo);
    }

    /** Creates and seeds the demo ERP unless it exists; true when it was created now. */
    private static boolean prepareErp(Path dir, String url) throws Exception {
        boolean fresh = !Files.exists(dir.resolve("erp.mv.db"));
        if (!fresh) {
            return false;
        }
        Files.createDirectories(dir);
        try (HikariDataSource ds = Pools.open("demo-erp-setup", url, "", new Secret(""), 1)) {
            new ReferenceErpInstaller(ds).install(true);
        }
        System.out.println("demo ERP created and seeded in " + dir);
        return true;
    }

    /**
     * The ERP_Price_List_Code__c product-catalog refers to the Standard Price Book by (its standard-prices.csv), or
     * null without that file.
     */
    private static String standardPriceBookCode(BridgeConfig cfg) throws Exception {
        // the mappings the runtime will use: the configured directory, else those bundled in the jar (a demo started
        // outside a checkout has no ./mappings)
        Path dir = Path.of(cfg.get(io.cebridge.config.BridgeKeys.MAPPINGS_DIR));
        Path mappings = Files.isDirectory(dir) ? dir : io.cebridge.runtime.BundledFiles.extract("bundled/mappings",
                cfg.dataDir().resolve("bundled").resolve("mappings"));
        Path csv = mappings.resolve("product-catalog").resolve("standard-prices.csv");
        return java.nio.file.Files.exists(csv) ? io.cebridge.mapping.ValueMap.load("standard-prices", csv)
                .lookup("standard-price-book").orElse(null) : null;
    }

    /**
     * A CRM admin creates the price books before product-catalog runs (the flow links price book entries to them by
     * ERP_Price_List_Code__c and does not create them) and gives the org's Standard Price Book the code the flow
     * refers to it by; the demo does the same for each ERP price list.
     */
    private static void seedPriceBooks(String erpUrl, DemoObjectStore objects, String standardCode) throws Exception {
        try (HikariDataSource ds = Pools.open("demo-erp-pricebooks", erpUrl, "", new Secret(""), 1);
             Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT price_list_code, name FROM erp_price_list ORDER BY price_list_code")) {
            if (standardCode != null) {
                objects.seedUpdate("Pricebook2", objects.standardPricebookId(), Map.of("ERP_Price_List_Code__c",
                        standardCode));
            }
            while (rs.next()) {
                if (!rs.getString(1).equals(standardCode)) {
                    objects.seed("Pricebook2", Map.of("Name", rs.getString(2), "ERP_Price_List_Code__c",
                            rs.getString(1), "IsActive", true));
                }
            }
        }
    }

    private static void printOutcome(String erpUrl, DemoAccountStore accounts) throws Exception {
        long withNumber = accounts.all().stream().filter(a -> a.get("ERP_Customer_No__c") != null).count();
        System.out.println("demo CRM: " + withNumber + " of " + accounts.size() + " accounts carry an ERP customer number");
        try (HikariDataSource ds = Pools.open("demo-erp-report", erpUrl, "", new Secret(""), 1);
             Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM erp_customer WHERE crm_account_id IS NOT NULL")) {
                rs.next();
                System.out.println("demo ERP: " + rs.getLong(1) + " customers linked to CRM accounts; a few of them:");
            }
            try (ResultSet rs = s.executeQuery("SELECT customer_no, crm_account_id, name, uscc, phone FROM erp_customer"
                    + " WHERE crm_account_id IS NOT NULL ORDER BY updated_at DESC, customer_no FETCH FIRST 6 ROWS ONLY")) {
                while (rs.next()) {
                    System.out.printf("  %-8s %-18s %-20s %-18s %s%n", rs.getString(1), rs.getString(2),
                            abbreviate(rs.getString(3)), rs.getString(4) == null ? "" : rs.getString(4),
                            rs.getString(5) == null ? "" : rs.getString(5));
                }
            }
        }
        System.out.println("dead letters: java -jar target/ce-bridge.jar dlq list");
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 19) + "…";
    }
}
