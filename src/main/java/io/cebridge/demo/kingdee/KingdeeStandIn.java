package io.cebridge.demo.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cebridge.demo.StandInHttp;
import io.cebridge.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process stand-in of the Kingdee K/3 Cloud WebAPI (AuthService.LoginByAppSecret; DynamicFormService Save,
 * BatchSave, Submit, Audit on BD_Customer and SAL_SaleOrder; ExecuteBillQuery on BD_Customer and the bill forms of
 * StandInBills: SAL_SaleOrder, AR_receivable, BD_MATERIAL, STK_Inventory), answering with the bodies of
 * shared/reference/erp/kingdee: HTTP 200 also on refusals, IsSuccess as a boolean or as the string "true"/"false",
 * per-model Errors by DIndex, session loss as MsgCode 1, ExecuteBillQuery as a bare 2-D array (its errors wrapped in
 * one). Faults on demand: sessions that expire after some calls, HTTP 519 while overloaded, Save answered late
 * (applied at once, answered after a delay), HTML pages.
 * BD_CommonContact (联系人) takes Save, BatchSave, Submit, Audit and ExecuteBillQuery too (StandInContacts).
 */
public final class KingdeeStandIn implements AutoCloseable {
    public static final String PATH = "/k3cloud";
    private static final String STUB = "/Kingdee.BOS.WebApi.ServicesStub.";
    private final String acctId;
    private final String username;
    private final String appId;
    private final String appSecret;
    private final StandInCustomers customers;
    /** Sales orders, receivables, materials and stock (StandInSalesDocuments, StandInMaterials) for ExecuteBillQuery. */
    private final StandInBills bills = new StandInBills();
    /** Save / Submit / Audit of SAL_SaleOrder, into {@link #bills}. */
    private final StandInSaleOrders saleOrders;
    /** Save / Submit / Audit of BD_CommonContact (联系人), into {@link #bills}. */
    private final StandInContacts contacts;
    private final Map<String, AtomicInteger> sessions = new ConcurrentHashMap<>();
    private final List<String> issued = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicInteger overloaded = new AtomicInteger();
    private final AtomicInteger htmlPages = new AtomicInteger();
    private final AtomicInteger lateSaves = new AtomicInteger();
    private final AtomicInteger cutShort = new AtomicInteger();
    private final AtomicInteger answers = new AtomicInteger();
    private volatile Duration lateBy = Duration.ZERO;
    private volatile int sessionCalls = Integer.MAX_VALUE;
    private HttpServer server;
    private ExecutorService threads;

    /** {@code crmIdField}: the custom field of BD_Customer holding the CRM id; {@code orgs}: the organisations' numbers. */
    public KingdeeStandIn(String acctId, String username, String appId, String appSecret, String crmIdField,
                          Set<String> orgs, int maxNameLength) {
        this.acctId = acctId;
        this.username = username;
        this.appId = appId;
        this.appSecret = appSecret;
        this.customers = new StandInCustomers(crmIdField, orgs, maxNameLength);
        StandInSalesDocuments.define(bills, crmIdField);
        StandInMaterials.define(bills);
        this.saleOrders = new StandInSaleOrders(orgs, customers, bills);
        this.contacts = new StandInContacts(crmIdField, orgs, customers, bills);
    }

    /** The stand-in as the tests and the demo use it: data centre "demo", organisation 100, names up to 80 characters. */
    public static KingdeeStandIn standard(String appSecret, String crmIdField) {
        return new KingdeeStandIn("demo", "integration", "ce-bridge_app", appSecret, crmIdField, Set.of("100"), 80);
    }

    public synchronized KingdeeStandIn start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        threads = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "kingdee-stand-in");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext(PATH + "/", this::handle);
        server.start();
        return this;
    }

    /** The settings that point ce-bridge at this stand-in (bridge.erp.type=kingdee and its connection keys). */
    public java.util.Map<String, String> bridgeSettings(String appSecret) {
        return java.util.Map.of("bridge.erp.type", "kingdee", "bridge.erp.kingdee.server-url", serverUrl(),
                "bridge.erp.kingdee.acct-id", acctId(), "bridge.erp.kingdee.username", username(),
                "bridge.erp.kingdee.app-id", appId(), "bridge.erp.kingdee.app-secret", appSecret);
    }

    /** The server URL to configure as bridge.erp.kingdee.server-url. */
    public String serverUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    public String acctId() {
        return acctId;
    }

    public String username() {
        return username;
    }

    public String appId() {
        return appId;
    }

    /** Every session dies after this many form calls (Kingdee's idle timeout, in calls so tests are exact). */
    public void expireSessionsAfter(int formCalls) {
        sessionCalls = formCalls;
    }

    /** Ends every session now, as a Kingdee restart or an administrator would. */
    public void expireSessions() {
        sessions.clear();
    }

    /** The next {@code times} form calls are answered HTTP 519 (overloaded). */
    public void overload(int times) {
        overloaded.set(times);
    }

    /** The next {@code times} form calls are answered with a proxy's HTML error page (HTTP 200). */
    public void answerHtml(int times) {
        htmlPages.set(times);
    }

    /** The next {@code times} form answers lose their second half on the way (a proxy or a connection cutting them). */
    public void cutAnswersShort(int times) {
        cutShort.set(times);
    }

    /** The next {@code times} Save / BatchSave calls are applied at once and answered only after {@code delay}. */
    public void answerSavesLate(int times, Duration delay) {
        lateBy = delay;
        lateSaves.set(times);
    }

    /** Every save from now on gets this FModifyDate (e.g. 2026-11-30T08:00:00.000); null: the clock again. */
    public void freezeModifyDate(String stamp) {
        customers.freezeStamp(stamp);
    }

    /** Calls received per method (login included). */
    public Map<String, Long> calls() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Every session id handed out so far (tests check none of them reaches a log line). */
    public List<String> issuedSessions() {
        return List.copyOf(issued);
    }

    /** The bill forms (SAL_SaleOrder, AR_receivable ...): to seed, change and watch them. */
    public StandInBills bills() {
        return bills;
    }

    /** The BD_Customer documents, oldest first (upper-case field keys). */
    public List<Map<String, Object>> customers() {
        return customers.all();
    }

    /** Adds a BD_MATERIAL (物料) of organisation 100 that sales order lines may name; forbidden: FForbidStatus B. */
    public void addMaterial(String number, String name, boolean forbidden) {
        StandInMaterials.add(bills, number, name, forbidden);
    }

    /**
     * Seeding hook (the demo): a BD_Customer keyed in and audited in Kingdee by hand, as a Save, Submit and Audit
     * would leave it; refused as a Save would be. Returns its FNumber.
     */
    public String addCustomer(Map<String, Object> model) {
        StandInCustomers.Saved s = customers.save(model, List.of());
        if (!s.ok()) {
            throw new IllegalArgumentException("the stand-in refused the customer: " + s.refusals());
        }
        customers.transition(s.number(), false);
        customers.transition(s.number(), true);
        return s.number();
    }

    /** The SAL_SaleOrder documents, oldest first (upper-case keys, lines as a list under FSALEORDERENTRY). */
    public List<Map<String, Object>> saleOrders() {
        return saleOrders.all();
    }

    /** The BD_CommonContact documents, oldest first (upper-case keys, FCompany as {"FNumber": ..}). */
    public List<Map<String, Object>> contacts() {
        return contacts.all();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath().substring(PATH.length());
            if (!"POST".equals(ex.getRequestMethod()) || !path.startsWith(STUB) || !path.endsWith(".common.kdsvc")) {
                StandInHttp.send(ex, 404, "<html><body>404 Not Found</body></html>", "text/html");
                return;
            }
            String[] parts = path.substring(STUB.length(), path.length() - ".common.kdsvc".length()).split("\\.");
            String method = parts[parts.length - 1];
            calls.computeIfAbsent(method, k -> new AtomicLong()).incrementAndGet();
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(ex.getRequestBody().readAllBytes());
            } catch (IOException e) {
                StandInHttp.send(ex, 200, "response_error: 请求数据格式错误", "text/plain");
                return;
            }
            if (method.equals("LoginByAppSecret")) {
                login(ex, body);
                return;
            }
            if (StandInHttp.take(overloaded)) {
                StandInHttp.send(ex, 519, "", "text/plain");
                return;
            }
            if (StandInHttp.take(htmlPages)) {
                StandInHttp.send(ex, 200, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", "text/html");
                return;
            }
            String session = session(ex);
            AtomicInteger left = session == null ? null : sessions.get(session);
            if (left == null || left.decrementAndGet() < 0) {
                sessions.remove(session);
                Object lost = StandInAnswers.status(false, 1, List.of(StandInAnswers.error(null, "会话信息已丢失，请重新登录", 0)),
                        List.of(), flip());
                StandInHttp.send(ex, 200, Json.write(method.equals("ExecuteBillQuery") ? List.of(List.of(lost)) : lost), "application/json");
                return;
            }
            Object billAnswer = bills.answer(method, body, this::flip); // ExecuteBillQuery of a bill form, else null
            if (billAnswer != null) {
                String json = Json.write(billAnswer);
                StandInHttp.send(ex, 200, StandInHttp.take(cutShort) ? json.substring(0, json.length() / 2) : json, "application/json");
                return;
            }
            Object answer = new StandInForms(customers, Map.of(StandInCustomers.FORM, customers,
                    StandInSaleOrders.FORM, saleOrders, StandInContacts.FORM, contacts), this::flip).answer(method, body);
            if ((method.equals("Save") || method.equals("BatchSave")) && StandInHttp.take(lateSaves)) {
                StandInHttp.pause(lateBy);
            }
            String json = Json.write(answer);
            StandInHttp.send(ex, 200, StandInHttp.take(cutShort) ? json.substring(0, json.length() / 2) : json, "application/json");
        }
    }

    private void login(HttpExchange ex, JsonNode body) throws IOException {
        JsonNode p = body.path("parameters");
        String acct = p.isArray() ? p.path(0).asText() : body.path("acctid").asText(body.path("acctID").asText());
        String user = p.isArray() ? p.path(1).asText() : body.path("username").asText();
        String app = p.isArray() ? p.path(2).asText() : body.path("appid").asText(body.path("appId").asText());
        String secret = p.isArray() ? p.path(3).asText() : body.path("appsecret").asText(body.path("appSecret").asText());
        if (!acct.equals(acctId)) {
            StandInHttp.send(ex, 200, Json.write(StandInAnswers.login(-1, "数据中心不存在或已被禁用", null)), "application/json");
            return;
        }
        if (!user.equals(username) || !app.equals(appId) || !secret.equals(appSecret)) {
            StandInHttp.send(ex, 200, Json.write(StandInAnswers.login(0, "第三方系统登录授权校验失败，请检查应用ID、应用密钥和用户名", null)),
                    "application/json");
            return;
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        sessions.put(id, new AtomicInteger(sessionCalls));
        issued.add(id);
        ex.getResponseHeaders().add("Set-Cookie", "kdservice-sessionid=" + id + "; path=/");
        ex.getResponseHeaders().add("Set-Cookie", "ASP.NET_SessionId=" + UUID.randomUUID().toString().substring(0, 24)
                + "; path=/; HttpOnly");
        StandInHttp.send(ex, 200, Json.write(StandInAnswers.login(1, null, id)), "application/json");
    }

    private static String session(HttpExchange ex) {
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String pair : header.split(";")) {
                String t = pair.strip();
                if (t.startsWith("kdservice-sessionid=")) {
                    return t.substring("kdservice-sessionid=".length());
                }
            }
        }
        return null;
    }

    /** IsSuccess as the documentation writes it (a string) on every other answer, as a boolean on the rest. */
    private boolean flip() {
        return answers.incrementAndGet() % 2 == 0;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
            server = null;
        }
    }
}
