package io.cebridge.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.config.Secret;
import io.cebridge.erp.reference.ReferenceErpInstaller;
import io.cebridge.store.Pools;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `reference-erp`: creates the reference ERP schema (and demo data) in an empty database. */
@Command(name = "reference-erp", mixinStandardHelpOptions = true,
        description = "Create the reference ERP schema in an empty H2, PostgreSQL or MariaDB database.")
public final class ReferenceErpCommand implements Callable<Integer> {
    @Option(names = "--jdbc-url", required = true, description = "JDBC URL of the empty database.")
    String url;
    @Option(names = "--user", description = "Database user.")
    String user;
    @Option(names = "--password", description = "Database password (or set BRIDGE_ERP_PASSWORD).")
    String password;
    @Option(names = "--seed", description = "Also load the demo data (from the Classic Models sample database).")
    boolean seed;

    @Override
    public Integer call() {
        String pw = password != null ? password : System.getenv().getOrDefault("BRIDGE_ERP_PASSWORD", "");
        try (HikariDataSource ds = Pools.open("reference-erp", url, user, new Secret(pw), 2)) {
            Map<String, Integer> counts = new ReferenceErpInstaller(ds).install(seed);
            System.out.println("reference ERP schema created" + (seed ? " and seeded" : ""));
            counts.forEach((t, n) -> System.out.printf("  %-28s %d%n", t, n));
            return 0;
        } catch (Exception e) {
            System.err.println("reference-erp failed: " + io.cebridge.error.Redactor.forLog(e.getMessage()));
            return 1;
        }
    }
}
