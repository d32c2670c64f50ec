package io.cebridge.config;

import java.time.Duration;
import java.util.List;

/**
 * Every fixed ce-bridge configuration key with its default and documentation; README's config reference mirrors this
 * list. The keys of the flows declared by route files come from {@link FlowCatalog}.
 */
public final class BridgeKeys {
    private BridgeKeys() {
    }

    public static final ConfigKey<String> DATA_DIR = ConfigKey.string("bridge.data-dir", "./data",
            "Directory of the embedded store and embedded Kafka broker; survives restarts.");
    public static final ConfigKey<String> ROUTES_DIR = ConfigKey.string("bridge.routes-dir", "./routes",
            "Directory of YAML route files; when it does not exist the routes bundled in the jar are used.");
    public static final ConfigKey<String> MAPPINGS_DIR = ConfigKey.string("bridge.mappings-dir", "./mappings",
            "Directory of mapping files; when it does not exist the mappings bundled in the jar are used.");

    public static final ConfigKey<String> KAFKA_BOOTSTRAP = ConfigKey.string("bridge.kafka.bootstrap-servers", "",
            "Kafka cluster to use; empty starts an embedded single-node KRaft broker under the data dir.");
    public static final ConfigKey<Integer> KAFKA_PORT = ConfigKey.integer("bridge.kafka.embedded-port", 0, 0, 65535,
            "Port of the embedded broker; 0 picks a free port on first start and keeps it.");
    public static final ConfigKey<String> KAFKA_TOPIC_PREFIX = ConfigKey.string("bridge.kafka.topic-prefix", "ce-bridge.",
            "Prefix of every topic ce-bridge creates, e.g. ce-bridge.customer-master.");

    public static final ConfigKey<Duration> KAFKA_RETENTION = ConfigKey.of("bridge.kafka.retention", "7d",
            "How long the topics ce-bridge creates keep records (their retention.ms, also set on existing topics).",
            ConfigParsers::positiveDuration);
    public static final ConfigKey<Integer> KAFKA_MAX_MESSAGE_SIZE = ConfigKey.integer("bridge.kafka.max-message-size",
            1_048_576, 65_536, 100 * 1024 * 1024, "Largest Kafka message in bytes: the producer's max.request.size and"
                    + " the max.message.bytes of the topics ce-bridge creates; a larger record or document is"
                    + " dead-lettered TOO_LARGE.");

    public static final ConfigKey<String> STORE_URL = ConfigKey.string("bridge.store.jdbc-url", "",
            "State store JDBC URL (H2, PostgreSQL or MariaDB); empty = embedded H2 file under the data dir.");
    public static final ConfigKey<String> STORE_USER = ConfigKey.string("bridge.store.username", "", "State store user.");
    public static final ConfigKey<String> STORE_PASSWORD = ConfigKey.secret("bridge.store.password", "State store password.");

    public static final ConfigKey<Duration> STORE_RETENTION = ConfigKey.of("bridge.store.retention", "90d",
            "Resolved dead letters and audit rows older than this are deleted (at start and every hour); open letters and"
                    + " the cross-reference are kept.", ConfigParsers::positiveDuration);

    public static final ConfigKey<String> CRM_TYPE = ConfigKey.of("bridge.crm.type", "salesforce",
            "CRM connector; supported: salesforce.", v -> {
                if (!v.equals("salesforce")) {
                    throw new IllegalArgumentException("supported CRM types: salesforce; got '" + v + "'");
                }
                return v;
            });
    public static final ConfigKey<String> SF_LOGIN_URL = ConfigKey.of("bridge.crm.salesforce.login-url",
            "https://login.salesforce.com", "Salesforce login URL; the token endpoint is {login-url}/services/oauth2/token.",
            ConfigParsersExtra::httpUrl);
    public static final ConfigKey<String> SF_CLIENT_ID = ConfigKey.string("bridge.crm.salesforce.client-id", "",
            "Connected app consumer key (OAuth2 client-credentials grant).");
    public static final ConfigKey<String> SF_CLIENT_SECRET = ConfigKey.secret("bridge.crm.salesforce.client-secret",
            "Connected app consumer secret.");
    public static final ConfigKey<String> SF_API_VERSION = ConfigKey.of("bridge.crm.salesforce.api-version", "60.0",
            "Salesforce REST API version.", ConfigParsersExtra::apiVersion);
    public static final ConfigKey<Integer> SF_QUERY_BATCH = ConfigKey.integer("bridge.crm.salesforce.query-batch-size",
            2000, 200, 2000, "Records per query page (Sforce-Query-Options batchSize).");
    public static final ConfigKey<Duration> SF_TIMEOUT = ConfigKey.duration("bridge.crm.salesforce.timeout", "30s",
            "HTTP request timeout towards Salesforce.");
    public static final ConfigKey<String> SF_ALLOWED_HOSTS = ConfigKey.string("bridge.crm.salesforce.allowed-hosts",
            "*.salesforce.com,*.force.com", "Hosts the token answer's instance_url may name (besides the login host),"
                    + " comma-separated; *.example.com allows its subdomains. The token is sent nowhere else.");
    public static final ConfigKey<Boolean> SF_ALLOW_INSECURE_HTTP = ConfigKey.bool(
            "bridge.crm.salesforce.allow-insecure-http", false, "Allow an http:// login URL (and instance on the same"
                    + " host): only for a local stand-in (tests, demo); Salesforce itself is https only.");
    public static final ConfigKey<Integer> SF_MAX_ANSWER_SIZE = ConfigKey.integer(
            "bridge.crm.salesforce.max-answer-size", 16 * 1024 * 1024, 65536, 512 * 1024 * 1024, "Largest Salesforce"
                    + " answer in bytes; a larger one fails its cycle naming this key without being read further"
                    + " (a 2,000-record Account page is about 1 MB).");

    public static final ConfigKey<String> ERP_URL = ConfigKey.string("bridge.erp.jdbc-url", "",
            "ERP database JDBC URL (H2, PostgreSQL or MariaDB).");
    public static final ConfigKey<String> ERP_USER = ConfigKey.string("bridge.erp.username", "", "ERP database user.");
    public static final ConfigKey<String> ERP_PASSWORD = ConfigKey.secret("bridge.erp.password", "ERP database password.");

    public static final ConfigKey<Integer> RETRY_MAX = ConfigKey.integer("bridge.retry.max-attempts", 8, 0, 1_000_000,
            "Retries of a retriable failure (timeouts, HTTP 429/5xx, lost connections) before the step fails.");
    public static final ConfigKey<Duration> RETRY_INITIAL = ConfigKey.duration("bridge.retry.initial-delay", "1s",
            "First retry delay; doubles on each retry.");
    public static final ConfigKey<Duration> RETRY_MAX_DELAY = ConfigKey.duration("bridge.retry.max-delay", "30s",
            "Upper bound of the retry delay (a longer Retry-After from the CRM is honoured).");

    public static final ConfigKey<Duration> POLL_LEASE = ConfigKey.duration("bridge.poll-lease", "2m",
            "With several instances on one state store: how long the polling instance keeps the right to poll after its"
                    + " last poll; another instance takes over when it lapses. Must exceed the poll interval; left at"
                    + " the default it is at least three poll intervals.");

    public static final ConfigKey<Duration> DELIVERY_CREATE_CLAIM_LEASE = ConfigKey.of(
            "bridge.delivery.create-claim-lease", "2m", "How long a delivery's claim to create the ERP record for a shared"
                    + " value (a customer's USCC) keeps other records with that value waiting (CLAIMED_BY_OTHER) when its"
                    + " holder is not linked yet; after it another delivery takes the claim over. A JDBC ERP write"
                    + " creating what a batch claimed must end within three quarters of it (its query timeout); 10s to"
                    + " 1h.", v -> {
                Duration d = ConfigParsers.duration(v);
                if (d.compareTo(Duration.ofSeconds(10)) < 0 || d.compareTo(Duration.ofHours(1)) > 0) {
                    throw new IllegalArgumentException("expected a duration from 10s to 1h, got '" + v + "'");
                }
                return d;
            });

    public static final ConfigKey<Boolean> HTTP_ENABLED = ConfigKey.bool("bridge.http.enabled", true,
            "Serve the live lookup API (/api/...) and /health while running (not in `run --once`).");
    public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.integer("bridge.http.port", 8080, 0, 65535,
            "Port of the HTTP server; 0 picks a free port (logged at start).");
    public static final ConfigKey<String> HTTP_HOST = ConfigKey.string("bridge.http.host", "127.0.0.1",
            "Address the HTTP server binds to: 127.0.0.1 serves this machine only; 0.0.0.0 every interface (the Docker"
                    + " image sets it).");
    public static final ConfigKey<String> HTTP_API_TOKEN = ConfigKey.secret("bridge.http.api-token",
            "Bearer tokens the /api endpoints accept in the Authorization header, comma-separated (rotation: add the"
                    + " new one, move the callers, remove the old one); without one they answer 503.");
    public static final ConfigKey<java.time.Duration> HTTP_IDLE_TIMEOUT = ConfigKey.duration("bridge.http.idle-timeout",
            "30s", "A connection that sends and receives nothing this long is closed.");
    public static final ConfigKey<java.time.Duration> HTTP_HEADER_TIMEOUT = ConfigKey.duration(
            "bridge.http.header-timeout", "10s", "Time a client has to send a request's line and headers, from"
                    + " connecting or from the previous answer; a slower connection is closed.");
    public static final ConfigKey<Integer> HTTP_MAX_BODY_SIZE = ConfigKey.integer("bridge.http.max-body-size", 65536, 0,
            64 * 1024 * 1024, "Largest request body in bytes; a larger one is answered 413 without being read on.");
    public static final ConfigKey<String> HTTP_TLS_KEYSTORE = ConfigKey.string("bridge.http.tls.keystore", "",
            "PKCS#12 (or .jks) keystore with the server's key and certificate: the server speaks HTTPS only; empty ="
                    + " plain HTTP.");
    public static final ConfigKey<String> HTTP_TLS_KEYSTORE_PASSWORD = ConfigKey.secret(
            "bridge.http.tls.keystore-password", "Password of bridge.http.tls.keystore.");
    public static final ConfigKey<String> CONSOLE_ADMIN_USER = ConfigKey.string("bridge.console.admin-user", "",
            "User name of the web console's administrator (/console); the console is off until it and"
                    + " bridge.console.admin-password are set.");
    public static final ConfigKey<String> CONSOLE_ADMIN_PASSWORD = ConfigKey.secret("bridge.console.admin-password",
            "Password of bridge.console.admin-user (at least 12 characters); without it the web console is off.");

    public static final ConfigKey<String> ERP_TIME_ZONE = ConfigKey.of("bridge.erp.time-zone", "",
            "Time zone of the ERP's business day (e.g. Asia/Shanghai): the financial summary's as-of date and aging are"
                    + " computed for today in this zone; empty = the zone of the machine running ce-bridge.", v -> {
                if (!v.isBlank()) {
                    java.time.ZoneId.of(v);
                }
                return v;
            });
    public static final ConfigKey<String> CORPORATE_CURRENCY = ConfigKey.of("bridge.crm.corporate-currency", "USD",
            "The CRM org's corporate currency: Salesforce conversion rates are units of a currency per one of it.",
            v -> {
                if (!v.matches("[A-Z]{3}")) {
                    throw new IllegalArgumentException("an ISO 4217 code such as USD, got '" + v + "'");
                }
                return v;
            });

    public static final ConfigKey<String> ERP_TYPE = ConfigKey.of("bridge.erp.type", "jdbc",
            "ERP connector: jdbc (tables of an ERP database, bridge.erp.jdbc-url) or kingdee (金蝶云星空 WebAPI,"
                    + " bridge.erp.kingdee.*; customer-master, quote-to-order, order-invoice-history and product-catalog;"
                    + " contacts and financial-summary not yet, see docs/erp-kingdee.md) or yonbip (用友 YonBIP OpenAPI,"
                    + " bridge.erp.yonbip.*; customer-master only, see docs/erp-yonbip.md).", v -> {
                if (!v.equals("jdbc") && !v.equals("kingdee") && !v.equals("yonbip")) {
                    throw new IllegalArgumentException("supported ERP types: jdbc, kingdee, yonbip; got '" + v + "'");
                }
                return v;
            });
    public static final ConfigKey<String> KD_SERVER_URL = ConfigKey.of("bridge.erp.kingdee.server-url", "",
            "Kingdee K/3 Cloud server, e.g. https://erp.example.com/k3cloud; calls go to"
                    + " {server-url}/Kingdee.BOS.WebApi.ServicesStub.{Service}.{Method}.common.kdsvc.",
            v -> v.isBlank() ? "" : ConfigParsersExtra.httpUrl(v));
    public static final ConfigKey<String> KD_ACCT_ID = ConfigKey.string("bridge.erp.kingdee.acct-id", "",
            "Data centre (账套) id the integration user logs into.");
    public static final ConfigKey<String> KD_USERNAME = ConfigKey.string("bridge.erp.kingdee.username", "",
            "Kingdee integration user (集成用户) named in the third-party app authorisation.");
    public static final ConfigKey<String> KD_APP_ID = ConfigKey.string("bridge.erp.kingdee.app-id", "",
            "App id of the third-party system login authorisation (第三方系统登录授权).");
    public static final ConfigKey<String> KD_APP_SECRET = ConfigKey.secret("bridge.erp.kingdee.app-secret",
            "App secret of that authorisation.");
    public static final ConfigKey<Integer> KD_LCID = ConfigKey.integer("bridge.erp.kingdee.lcid", 2052, 1, 65535,
            "Language of Kingdee's answers and messages (2052 = 简体中文, 1033 = English).");
    public static final ConfigKey<String> KD_ORG_NUMBER = ConfigKey.string("bridge.erp.kingdee.org-number", "",
            "Number of the organisation (组织编码) that creates and uses the customers; empty = the user's default.");
    public static final ConfigKey<String> KD_CRM_ID_FIELD = ConfigKey.of("bridge.erp.kingdee.crm-id-field", "F_CRM_ID",
            "Custom text field of BD_Customer holding the CRM id; documents are found by it before any Save.", v -> {
                if (!v.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new IllegalArgumentException("a Kingdee field key such as F_CRM_ID, got '" + v + "'");
                }
                return v;
            });
    public static final ConfigKey<Boolean> KD_SUBMIT_AND_AUDIT = ConfigKey.bool("bridge.erp.kingdee.submit-and-audit",
            false, "Submit and audit each customer after it is saved (an audited customer can be used on orders).");
    public static final ConfigKey<Duration> KD_TIMEOUT = ConfigKey.duration("bridge.erp.kingdee.timeout", "30s",
            "HTTP request timeout towards Kingdee; a Save answered later is found by the CRM id on the retry.");

    public static final ConfigKey<String> YB_TOKEN_URL = ConfigKey.of("bridge.erp.yonbip.token-url", "",
            "YonBIP token host of the tenant's data centre, e.g. https://c2.yonyoucloud.com/iuap-api-auth; the token is"
                    + " fetched from {token-url}/open-auth/selfAppAuth/getAccessToken.",
            v -> v.isBlank() ? "" : ConfigParsersExtra.httpUrl(v));
    public static final ConfigKey<String> YB_GATEWAY_URL = ConfigKey.of("bridge.erp.yonbip.gateway-url", "",
            "YonBIP API gateway of the tenant's data centre, e.g. https://c2.yonyoucloud.com/iuap-api-gateway; calls go to"
                    + " {gateway-url}/yonbip/....", v -> v.isBlank() ? "" : ConfigParsersExtra.httpUrl(v));
    public static final ConfigKey<String> YB_APP_KEY = ConfigKey.string("bridge.erp.yonbip.app-key", "",
            "AppKey of the self-built app (自建应用) ce-bridge calls as.");
    public static final ConfigKey<String> YB_APP_SECRET = ConfigKey.secret("bridge.erp.yonbip.app-secret",
            "AppSecret of that app: the HMAC key of the token signature.");
    public static final ConfigKey<String> YB_ORG_CODE = ConfigKey.string("bridge.erp.yonbip.org-code", "",
            "Code of the managing organisation (管理组织, createOrg_code) of the customers; required by YonBIP.");
    public static final ConfigKey<String> YB_CRM_ID_FIELD = ConfigKey.of("bridge.erp.yonbip.crm-id-field", "erpCode",
            "Merchant field holding the CRM id (外部编码 erpCode by default); customers are found by it before any save.",
            v -> {
                if (!v.matches("[A-Za-z_][A-Za-z0-9_!.]*")) {
                    throw new IllegalArgumentException("a YonBIP merchant field such as erpCode, got '" + v + "'");
                }
                return v;
            });
    public static final ConfigKey<Duration> YB_TIMEOUT = ConfigKey.duration("bridge.erp.yonbip.timeout", "30s",
            "HTTP request timeout towards YonBIP; a save answered later is retried with the same resubmitCheckKey.");

    public static final ConfigKey<Duration> HEARTBEAT_INTERVAL = ConfigKey.of("bridge.heartbeat-interval", "5m",
            "A flow that reads nothing new logs one 'idle' line (last poll, watermark) this often; 0s: never.", v -> {
                Duration d = ConfigParsers.duration(v);
                if (d.isNegative()) {
                    throw new IllegalArgumentException("expected a duration, 0s for never, got '" + v + "'");
                }
                return d;
            });

    public static final ConfigKey<Integer> CRM_BULK_THRESHOLD = ConfigKey.integer("bridge.crm.bulk-threshold", 10_000, 1,
            Integer.MAX_VALUE, "A poll that finds more changed records than this reads them through a Bulk API 2.0 query"
                    + " job, and a delivery batch with more write-backs than this (or any while the poll reads through"
                    + " Bulk) keeps them in the store's outbox for Bulk API 2.0 ingest jobs of many batches.");
    public static final ConfigKey<Integer> CRM_BULK_WRITEBACK_SIZE = ConfigKey.integer("bridge.crm.bulk-writeback-size",
            250_000, 1, 5_000_000, "In volume mode a flow's write-backs wait in the store's outbox and go to the CRM"
                    + " in one Bulk API 2.0 ingest job once this many wait (a 1,000,000-record load: 4 jobs).");
    public static final ConfigKey<Duration> CRM_BULK_WRITEBACK_AGE = ConfigKey.duration("bridge.crm.bulk-writeback-age",
            "5m", "In volume mode the outbox's write-backs are also sent once the oldest of them is this old.");
    public static final ConfigKey<String> CRM_API_RESERVE = ConfigKey.of("bridge.crm.api-reserve", "10%",
            "Part of the org's daily API allowance (Sforce-Limit-Info api-usage) CRM calls never use: a percentage"
                    + " (10%) or a count of calls (5000); 0: none.", v -> {
                io.cebridge.connector.crm.salesforce.ApiReserve.parse(v); // refuses a bad value at start
                return v.strip();
            });
    public static final ConfigKey<Duration> RECONCILE_SCHEDULE = ConfigKey.of("bridge.reconcile.schedule", "0s",
            "Reconcile bridge.reconcile.flows inside the running instance this often (e.g. 6h); 0s: never.", v -> {
                Duration d = ConfigParsers.duration(v);
                if (d.isNegative() || (!d.isZero() && d.compareTo(Duration.ofMinutes(1)) < 0)) {
                    throw new IllegalArgumentException("expected a duration of 1m or more, 0s for never, got '" + v + "'");
                }
                return d;
            });
    public static final ConfigKey<String> RECONCILE_FLOWS = ConfigKey.string("bridge.reconcile.flows", "",
            "Flows the scheduled reconcile compares, comma-separated; empty: every enabled flow reconcile covers.");
    public static final ConfigKey<Boolean> RECONCILE_REPAIR = ConfigKey.bool("bridge.reconcile.repair", false,
            "The scheduled reconcile also sends what differs through the flow again (as reconcile --repair).");

    public static final List<ConfigKey<?>> ALL = List.<ConfigKey<?>>of(DATA_DIR, ROUTES_DIR, MAPPINGS_DIR, KAFKA_BOOTSTRAP, KAFKA_PORT,
            KAFKA_TOPIC_PREFIX, KAFKA_RETENTION, KAFKA_MAX_MESSAGE_SIZE, STORE_URL, STORE_USER, STORE_PASSWORD, STORE_RETENTION, CRM_TYPE, SF_LOGIN_URL, SF_CLIENT_ID,
            SF_CLIENT_SECRET, SF_API_VERSION, SF_QUERY_BATCH, SF_TIMEOUT, SF_ALLOWED_HOSTS,
            SF_ALLOW_INSECURE_HTTP, SF_MAX_ANSWER_SIZE, ERP_URL, ERP_USER, ERP_PASSWORD, RETRY_MAX,
            RETRY_INITIAL, RETRY_MAX_DELAY, POLL_LEASE, DELIVERY_CREATE_CLAIM_LEASE, ERP_TIME_ZONE, CORPORATE_CURRENCY, HTTP_ENABLED, HTTP_PORT, HTTP_HOST,
            HTTP_API_TOKEN, HTTP_IDLE_TIMEOUT, HTTP_HEADER_TIMEOUT, HTTP_MAX_BODY_SIZE, HTTP_TLS_KEYSTORE,
            HTTP_TLS_KEYSTORE_PASSWORD, ERP_TYPE, KD_SERVER_URL, KD_ACCT_ID, KD_USERNAME, KD_APP_ID, KD_APP_SECRET, KD_LCID,
            KD_ORG_NUMBER, KD_CRM_ID_FIELD, KD_SUBMIT_AND_AUDIT, KD_TIMEOUT, HEARTBEAT_INTERVAL,
            CONSOLE_ADMIN_USER, CONSOLE_ADMIN_PASSWORD, CRM_BULK_THRESHOLD, CRM_BULK_WRITEBACK_SIZE,
            CRM_BULK_WRITEBACK_AGE, CRM_API_RESERVE, RECONCILE_SCHEDULE,
            RECONCILE_FLOWS, RECONCILE_REPAIR, YB_TOKEN_URL,
            YB_GATEWAY_URL, YB_APP_KEY, YB_APP_SECRET, YB_ORG_CODE, YB_CRM_ID_FIELD, YB_TIMEOUT);
}
