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
    @Option(names = "--password", description = "Database password (or set BRIDGE_ERP_PASSWORD, or"
            + " BRIDGE_ERP_PASSWORD_FILE naming a file that holds it).")
    String password;
    @Option(names = "--seed", description = "Also load the demo data (from the Classic Models sample database).")
    boolean seed;
    /** The environment the password is read from (a test gives its own). */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        Secret pw;
        try {
            // the environment read as run reads it: BRIDGE_ERP_PASSWORD, or a file named by BRIDGE_ERP_PASSWORD_FILE
            pw = password != null ? new Secret(password) : io.cebridge.config.BridgeConfig.load(null, env,
                    new java.util.Properties(), Map.of()).secret(io.cebridge.config.BridgeKeys.ERP_PASSWORD);
        } catch (io.cebridge.config.ConfigException e) {
            System.err.println("reference-erp: " + e.getMessage());
            return 2;
        }
        try (HikariDataSource ds = Pools.open("reference-erp", url, user, pw, 2)) {
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
