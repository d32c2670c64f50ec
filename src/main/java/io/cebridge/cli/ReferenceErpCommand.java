package io.cebridge.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.cebridge.config.Secret;
import io.cebridge.erp.reference.ReferenceErpInstaller;
import io.cebridge.store.Pools;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `reference-erp`: creates the reference ERP schema (and demo data) in an empty database; on a database that already
 * holds the whole schema it does nothing and succeeds, so a set-up step may run it on every start.
 */
@Command(name = "reference-erp", mixinStandardHelpOptions = true,
        description = "Create the reference ERP schema in an empty H2, PostgreSQL or MariaDB database"
                + " (nothing to do, exit 0, when the database already holds it).")
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
        List<ConnectionCheck.Problem> problems = reachable(pw);
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("reference-erp: " + asOptions(p.reason())));
            return problems.stream().allMatch(ConnectionCheck.Problem::configuration) ? ConfigOptions.BAD_CONFIG : 1;
        }
        try (HikariDataSource ds = Pools.open("reference-erp", url, user, pw, 2)) {
            ReferenceErpInstaller installer = new ReferenceErpInstaller(ds);
            if (installer.installed()) {
                // a set-up run on every start (docker compose up) finds its own work done: nothing to do, success
                System.out.println("reference ERP already installed: nothing done" + (seed ? " (not seeded again)" : ""));
                return 0;
            }
            Map<String, Integer> counts = installer.install(seed);
            System.out.println("reference ERP schema created" + (seed ? " and seeded" : ""));
            counts.forEach((t, n) -> System.out.printf("  %-28s %d%n", t, n));
            return 0;
        } catch (Exception e) {
            System.err.println("reference-erp failed: " + StartFailure.describe(e));
            return 1;
        }
    }

    /**
     * One try at the database first, as `validate` does it (a few seconds, the database's own reason: "database ...
     * does not exist", "Access denied"), rather than the pool's "Connection is not available" half a minute later.
     */
    private List<ConnectionCheck.Problem> reachable(Secret pw) {
        Map<String, String> given = new java.util.HashMap<>();
        given.put(io.cebridge.config.BridgeKeys.ERP_URL.name(), url);
        given.put(io.cebridge.config.BridgeKeys.ERP_USER.name(), user == null ? "" : user);
        given.put(io.cebridge.config.BridgeKeys.ERP_PASSWORD.name(), pw.reveal() == null ? "" : pw.reveal());
        // nothing else from the environment, and only the database's problems: the CRM and flows are not this command's
        return ConnectionCheck.check(io.cebridge.config.BridgeConfig.load(null, Map.of(), new java.util.Properties(),
                given)).stream().filter(p -> p.key().equals(io.cebridge.config.BridgeKeys.ERP_URL.name())).toList();
    }

    /** The check names the configuration keys; here the same values came from this command's options. */
    private static String asOptions(String reason) {
        return reason.replace(io.cebridge.config.BridgeKeys.ERP_URL.name(), "--jdbc-url")
                .replace(io.cebridge.config.BridgeKeys.ERP_USER.name(), "--user")
                .replace(io.cebridge.config.BridgeKeys.ERP_PASSWORD.name(), "--password or BRIDGE_ERP_PASSWORD");
    }
}
