package io.cebridge.cli;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.config.ConfigKey;
import io.cebridge.connector.crm.salesforce.SalesforceClient;
import io.cebridge.runtime.BridgeRuntime;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * One try, with a timeout of a few seconds, at every system the configuration names (ERP, state store, CRM token
 * endpoint, an external Kafka): each failure is the system's own reason and the key to fix. `validate` prints them;
 * `run` and `demo` stop on them before starting anything, instead of retrying for half a minute and losing the reason.
 */
final class ConnectionCheck {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** {@code configuration}: the configuration alone is wrong (no system was asked), exit 2; else exit 1. */
    record Problem(String key, String reason, boolean configuration) {
        @Override
        public String toString() {
            return key + ": " + reason;
        }
    }

    private final BridgeConfig cfg;
    private final List<String> secrets = new ArrayList<>();

    private ConnectionCheck(BridgeConfig cfg) {
        this.cfg = cfg;
        for (ConfigKey<?> k : BridgeKeys.ALL) {
            if (k.secret() && !cfg.get(k).toString().isEmpty()) {
                secrets.add(cfg.get(k).toString());
            }
        }
    }

    static List<Problem> check(BridgeConfig cfg) {
        return new ConnectionCheck(cfg).all();
    }

    /** Every system is tried at the same time (a start waits for the slowest, not the sum); problems in this order. */
    private List<Problem> all() {
        List<java.util.function.Consumer<List<Problem>>> checks = new ArrayList<>();
        List<String> flows = cfg.enabledFlows();
        boolean kingdee = "kingdee".equals(cfg.get(BridgeKeys.ERP_TYPE));
        if (kingdee) {
            checks.add(this::kingdee);
        }
        boolean yonbip = "yonbip".equals(cfg.get(BridgeKeys.ERP_TYPE));
        if (yonbip) {
            checks.add(this::yonbip);
        }
        if (!cfg.get(BridgeKeys.ERP_URL).isBlank()) {
            checks.add(p -> jdbc("ERP database", BridgeKeys.ERP_URL, BridgeKeys.ERP_USER, BridgeKeys.ERP_PASSWORD, p));
        } else if (!flows.isEmpty() && !kingdee && !yonbip) {
            checks.add(p -> p.add(new Problem(BridgeKeys.ERP_URL.name(), "required while a flow is enabled ("
                    + String.join(", ", flows) + ")", true)));
        }
        if (!cfg.get(BridgeKeys.STORE_URL).isBlank()) {
            checks.add(p -> jdbc("state store", BridgeKeys.STORE_URL, BridgeKeys.STORE_USER, BridgeKeys.STORE_PASSWORD, p));
        }
        if (!cfg.get(BridgeKeys.SF_CLIENT_ID).isBlank()) {
            checks.add(this::crm);
        } else if (!flows.isEmpty()) {
            checks.add(p -> p.add(new Problem(BridgeKeys.SF_CLIENT_ID.name(), "required while a flow is enabled ("
                    + String.join(", ", flows) + ")", true)));
        }
        if (!cfg.get(BridgeKeys.KAFKA_BOOTSTRAP).isBlank()) {
            checks.add(this::kafka);
        }
        // each on a thread of its own; every try is bounded (timed), so joining them is too
        List<java.util.concurrent.CompletableFuture<List<Problem>>> running = new ArrayList<>();
        for (java.util.function.Consumer<List<Problem>> check : checks) {
            running.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                List<Problem> found = new ArrayList<>();
                check.accept(found);
                return found;
            }, r -> daemon(r, "ce-bridge-check-start").start()));
        }
        List<Problem> problems = new ArrayList<>();
        running.forEach(r -> problems.addAll(r.join()));
        return problems;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void jdbc(String what, ConfigKey<String> urlKey, ConfigKey<String> userKey, ConfigKey<String> passwordKey,
                      List<Problem> problems) {
        String url = cfg.get(urlKey);
        Driver driver;
        try {
            driver = DriverManager.getDriver(url);
        } catch (SQLException e) {
            String scheme = url.startsWith("jdbc:") ? url.split(":", 3)[1] : url.split(":", 2)[0];
            problems.add(new Problem(urlKey.name(), "no JDBC driver for '" + scheme + "' in ce-bridge (it has H2,"
                    + " PostgreSQL and MariaDB: jdbc:h2:, jdbc:postgresql:, jdbc:mariadb:)", true));
            return;
        }
        Properties p = new Properties();
        if (!cfg.get(userKey).isEmpty()) {
            p.setProperty("user", cfg.get(userKey));
        }
        if (!cfg.get(passwordKey).isEmpty()) {
            p.setProperty("password", cfg.get(passwordKey));
        }
        long seconds = TIMEOUT.toSeconds();
        if (url.startsWith("jdbc:postgresql:")) {
            p.setProperty("connectTimeout", Long.toString(seconds));
            p.setProperty("loginTimeout", Long.toString(seconds));
            p.setProperty("socketTimeout", Long.toString(seconds));
        } else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            p.setProperty("connectTimeout", Long.toString(TIMEOUT.toMillis()));
            p.setProperty("socketTimeout", Long.toString(TIMEOUT.toMillis()));
        }
        String fix = " (check " + urlKey.name() + ")";
        try {
            timed(what, () -> {
                try (Connection c = driver.connect(url, p)) {
                    if (!c.isValid((int) seconds)) {
                        throw new SQLException("the connection is not valid");
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")";
            if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
                fix = " (check " + userKey.name() + " and " + passwordKey.name() + ")";
            }
            problems.add(new Problem(urlKey.name(), what + ": " + clean(e.getMessage())
                    + state + fix, false));
        } catch (Exception e) {
            problems.add(new Problem(urlKey.name(), what + ": " + clean(e.getMessage()) + fix, false));
        }
    }

    private void crm(List<Problem> problems) {
        SalesforceClient client;
        try {
            client = BridgeRuntime.crmClient(cfg, min(cfg.get(BridgeKeys.SF_TIMEOUT), TIMEOUT));
        } catch (RuntimeException e) {
            problems.add(new Problem(BridgeKeys.SF_LOGIN_URL.name(), clean(e.getMessage()), true));
            return;
        }
        try {
            timed("the CRM token endpoint", () -> {
                client.checkLogin();
                return null;
            });
        } catch (io.cebridge.error.SystemFailureException e) {
            // refused: the message names the keys (client id and secret, or the allowed hosts)
            problems.add(new Problem(BridgeKeys.SF_CLIENT_ID.name(), clean(e.getMessage()), false));
        } catch (Exception e) {
            problems.add(new Problem(BridgeKeys.SF_LOGIN_URL.name(), "CRM token endpoint " + cfg.get(BridgeKeys.SF_LOGIN_URL)
                    + "/services/oauth2/token: " + clean(e.getMessage()), false));
        }
    }

    /** bridge.erp.type=kingdee: one LoginByAppSecret, bounded like the other checks. */
    private void kingdee(List<Problem> problems) {
        io.cebridge.connector.erp.kingdee.KingdeeClient client;
        try {
            client = new io.cebridge.connector.erp.kingdee.KingdeeClient(io.cebridge.connector.erp.kingdee.KingdeeSettings
                    .from(cfg).withTimeoutAtMost(TIMEOUT));
        } catch (io.cebridge.config.ConfigException e) {
            e.problems().forEach(p -> problems.add(new Problem(p.split(":", 2)[0], p.split(":", 2)[1].strip(), true)));
            return;
        }
        try {
            timed("Kingdee", () -> {
                client.checkLogin();
                return null;
            });
        } catch (io.cebridge.error.SystemFailureException e) {
            problems.add(new Problem(BridgeKeys.KD_APP_SECRET.name(), clean(e.getMessage()), false));
        } catch (Exception e) {
            problems.add(new Problem(BridgeKeys.KD_SERVER_URL.name(), "Kingdee at " + cfg.get(BridgeKeys.KD_SERVER_URL)
                    + ": " + clean(e.getMessage()), false));
        }
    }

    /** bridge.erp.type=yonbip: one signed access-token request, bounded like the other checks. */
    private void yonbip(List<Problem> problems) {
        io.cebridge.connector.erp.yonbip.YonbipClient client;
        try {
            client = new io.cebridge.connector.erp.yonbip.YonbipClient(io.cebridge.connector.erp.yonbip.YonbipSettings
                    .from(cfg).withTimeoutAtMost(TIMEOUT));
        } catch (io.cebridge.config.ConfigException e) {
            e.problems().forEach(p -> problems.add(new Problem(p.split(":", 2)[0], p.split(":", 2)[1].strip(), true)));
            return;
        }
        try {
            timed("YonBIP", () -> {
                client.checkToken();
                return null;
            });
        } catch (io.cebridge.error.SystemFailureException e) {
            problems.add(new Problem(BridgeKeys.YB_APP_SECRET.name(), clean(e.getMessage()), false));
        } catch (Exception e) {
            problems.add(new Problem(BridgeKeys.YB_TOKEN_URL.name(), "YonBIP at " + cfg.get(BridgeKeys.YB_TOKEN_URL)
                    + ": " + clean(e.getMessage()), false));
        }
    }

    private void kafka(List<Problem> problems) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.get(BridgeKeys.KAFKA_BOOTSTRAP));
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "ce-bridge-check");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (AdminClient admin = AdminClient.create(p)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis())).nodes()
                    .get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            problems.add(new Problem(BridgeKeys.KAFKA_BOOTSTRAP.name(), "Kafka at " + cfg.get(BridgeKeys.KAFKA_BOOTSTRAP)
                    + " did not answer within " + TIMEOUT.toSeconds() + " s: " + clean(t.getMessage()), false));
        }
    }

    /** Runs one try with a hard bound, for drivers that do not honour their own timeouts. */
    private static void timed(String what, Callable<Void> attempt) throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor(r -> daemon(r, "ce-bridge-check"));
        try {
            one.submit(attempt).get(TIMEOUT.toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception c ? c : e;
        } catch (TimeoutException e) {
            throw new TimeoutException(what + " did not answer within " + TIMEOUT.toSeconds() + " s");
        } finally {
            one.shutdownNow();
        }
    }

    /** The system's own text on one line, with any configured secret masked. */
    private String clean(String text) {
        String s = String.valueOf(text).replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        for (String secret : secrets) {
            s = s.replace(secret, "****");
        }
        return s;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
