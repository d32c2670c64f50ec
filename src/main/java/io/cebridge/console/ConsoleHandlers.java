package io.cebridge.console;

import io.cebridge.config.BridgeKeys;
import io.cebridge.config.FlowCatalog;
import io.cebridge.error.Redactor;
import io.cebridge.operate.LetterChanges;
import io.cebridge.operate.ReconcileRun;
import io.cebridge.reconcile.ReconcileReport;
import io.cebridge.runtime.DeliveryLag;
import io.cebridge.runtime.FlowStatusReport;
import io.cebridge.store.DeadLetter;
import io.cebridge.store.LetterActions;
import io.cebridge.store.RecordTrailQuery;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's pages and form actions. Each reads or acts through what the CLI uses (FlowStatusReport,
 * LetterChanges, RecordTrailQuery, ReconcileRun); store and Camel work runs on Vert.x's worker threads. Every form
 * action answers with a redirect to a page (post / redirect / get) and a one-line message on it.
 */
final class ConsoleHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHandlers.class);
    private final ConsoleServices svc;
    private final AdminLogin login;
    private final FlowControl flows;
    private final Map<String, ReconcilePage.Run> reconciled = new ConcurrentHashMap<>();

    ConsoleHandlers(ConsoleServices svc, AdminLogin login) {
        this.svc = svc;
        this.login = login;
        this.flows = new FlowControl(svc.camel(), svc.failures());
    }

    void mount(Router router) {
        router.get("/console").handler(ctx -> Console.redirect(ctx, "/console/flows"));
        router.get("/console/").handler(ctx -> Console.redirect(ctx, "/console/flows"));
        router.post("/console/logout").handler(this::logout);
        router.get("/console/flows").blockingHandler(this::flowsPage, false);
        router.post("/console/flows/:flow/:action").blockingHandler(this::flowAction, false);
        router.get("/console/inbox").blockingHandler(this::inboxPage, false);
        router.get("/console/inbox/:id").blockingHandler(this::letterPage, false);
        router.post("/console/inbox/:id/:action").blockingHandler(this::letterAction, false);
        router.get("/console/trail").blockingHandler(this::trailPage, false);
        router.get("/console/reconcile").handler(this::reconcilePage);
        router.post("/console/reconcile").blockingHandler(this::reconcile, false);
    }

    void loginForm(RoutingContext ctx) {
        Html h = new Html();
        h.form("/console/login", Csrf.token(ctx.session()), "login")
                .raw("<label>User <input name=\"user\" id=\"user\" autocomplete=\"username\" required></label>"
                        + "<label>Password <input name=\"password\" id=\"password\" type=\"password\""
                        + " autocomplete=\"current-password\" required></label>"
                        + "<button type=\"submit\" id=\"login\">Log in</button></form>");
        html(ctx, 200, Layout.page("Log in", null, null, flash(ctx.session()), h.toString()));
    }

    void login(RoutingContext ctx) {
        String client = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().host();
        AdminLogin.Result result = login.attempt(client, ctx.request().getFormAttribute("user"),
                ctx.request().getFormAttribute("password"));
        Session session = ctx.session();
        switch (result) {
            case ACCEPTED -> {
                // a new id at login: an id planted before it (session fixation) leads nowhere
                session.regenerateId();
                session.put(Console.USER, svc.cfg().get(BridgeKeys.CONSOLE_ADMIN_USER).strip());
                Csrf.renew(session);
                LOG.info("console: {} logged in from {}", session.<String>get(Console.USER), client);
                Console.redirect(ctx, "/console/flows");
            }
            case THROTTLED -> {
                LOG.warn("console: login from {} refused: too many failed logins", client);
                session.put(Console.FLASH, "Too many failed logins from this address; wait "
                        + login.retryAfter(client).toSeconds() + " s.");
                Console.redirect(ctx, "/console/login");
            }
            default -> {
                LOG.warn("console: failed login from {}", client);
                session.put(Console.FLASH, "Wrong user name or password.");
                Console.redirect(ctx, "/console/login");
            }
        }
    }

    private void logout(RoutingContext ctx) {
        ctx.session().destroy();
        Console.redirect(ctx, "/console/login");
    }

    private void flowsPage(RoutingContext ctx) {
        page(ctx, "Flows", () -> {
            try (DeliveryLag lag = new DeliveryLag(svc.bootstrapServers(), svc.cfg().get(BridgeKeys.KAFKA_TOPIC_PREFIX))) {
                List<FlowStatusReport.Row> rows = FlowStatusReport.build(svc.cfg(), svc.store(), lag, flows::state);
                return FlowsPage.body(rows, new Throughput(svc.store().dataSource()).lastHour(Instant.now()), csrf(ctx));
            }
        });
    }

    private void flowAction(RoutingContext ctx) {
        String flow = ctx.pathParam("flow");
        String action = ctx.pathParam("action");
        act(ctx, "/console/flows", () -> {
            if (svc.cfg().catalog().flows().stream().map(FlowCatalog.Flow::name).noneMatch(flow::equals)) {
                return "No flow " + flow + ".";
            }
            boolean done = switch (action) {
                case "pause" -> flows.pause(flow);
                case "resume" -> flows.resume(flow);
                default -> throw new IllegalArgumentException("no action " + action);
            };
            LOG.info("console: {} {} flow {}{}", user(ctx), action.equals("pause") ? "paused" : "resumed", flow,
                    done ? "" : " (nothing to do)");
            return done ? flow + (action.equals("pause") ? " paused." : " resumed.")
                    : flow + ": nothing to " + action + " on this instance.";
        });
    }

    private void inboxPage(RoutingContext ctx) {
        boolean waiting = ctx.request().getParam("waiting") != null;
        String flow = blankToNull(ctx.request().getParam("flow"));
        page(ctx, waiting ? "Error inbox: waiting" : "Error inbox: failures", () ->
                InboxPage.list(svc.store().deadLetters().list(flow, false), waiting, flow));
    }

    private void letterPage(RoutingContext ctx) {
        Long id = id(ctx);
        page(ctx, "Dead letter " + ctx.pathParam("id"), () -> {
            Optional<DeadLetter> letter = id == null ? Optional.empty() : svc.store().deadLetters().get(id);
            return letter.isEmpty() ? new Html().el("p", "error", "No dead letter " + ctx.pathParam("id") + ".").toString()
                    : InboxPage.letter(letter.get(), new LetterActions(svc.store().dataSource()).of(id), csrf(ctx));
        });
    }

    private void letterAction(RoutingContext ctx) {
        Long id = id(ctx);
        String action = ctx.pathParam("action");
        act(ctx, "/console/inbox/" + (id == null ? "" : id), () -> {
            Optional<DeadLetter> found = id == null ? Optional.empty() : svc.store().deadLetters().get(id);
            if (found.isEmpty()) {
                return "No dead letter " + ctx.pathParam("id") + ".";
            }
            LetterChanges changes = new LetterChanges(new LetterActions(svc.store().dataSource()));
            String note = blankToNull(ctx.request().getFormAttribute("note"));
            String actor = user(ctx) + " (console)";
            LetterChanges.Outcome outcome = switch (action) {
                case "retry" -> changes.retry(found.get(), actor);
                case "resolve" -> changes.resolve(found.get(), actor, note);
                case "edit" -> {
                    String field = blankToNull(ctx.request().getFormAttribute("field"));
                    String value = ctx.request().getFormAttribute("value");
                    yield field == null ? new LetterChanges.Outcome(LetterChanges.Kind.INVALID, "Give the field to"
                            + " change.", List.of()) : changes.edit(found.get(), List.of(field.strip() + "="
                            + (value == null ? "" : value)), false, actor, note);
                }
                default -> throw new IllegalArgumentException("no action " + action);
            };
            StringBuilder message = new StringBuilder(outcome.message());
            outcome.changes().forEach(c -> message.append("; ").append(c.field()).append(": ").append(c.before())
                    .append(" -> ").append(c.after()));
            return message.toString();
        });
    }

    private void trailPage(RoutingContext ctx) {
        String id = blankToNull(ctx.request().getParam("id"));
        page(ctx, "Record trail", () -> TrailPage.body(id, id == null ? null : new RecordTrailQuery(
                svc.store().dataSource()).find(id.strip(), svc.cfg().catalog().flows().stream()
                .map(FlowCatalog.Flow::name).toList())));
    }

    private void reconcilePage(RoutingContext ctx) {
        List<String> covered = ReconcileRun.flows(svc.cfg());
        // without a choice, the first covered flow this instance runs
        String flow = Optional.ofNullable(blankToNull(ctx.request().getParam("flow"))).orElse(covered.stream()
                .filter(svc.cfg().enabledFlows()::contains).findFirst().orElse(covered.isEmpty() ? null : covered.get(0)));
        html(ctx, 200, Layout.page("Reconcile", user(ctx), csrf(ctx), flash(ctx.session()),
                ReconcilePage.body(covered, flow, flow == null ? null : reconciled.get(flow), csrf(ctx))));
    }

    private void reconcile(RoutingContext ctx) {
        String flow = ctx.request().getFormAttribute("flow");
        if (flow == null || !ReconcileRun.flows(svc.cfg()).contains(flow)) {
            ctx.session().put(Console.FLASH, "Not a flow reconcile covers.");
            Console.redirect(ctx, "/console/reconcile");
            return;
        }
        ReconcilePage.Run run;
        try {
            ReconcileReport report = ReconcileRun.prepare(svc.cfg(), flow).run(svc.erp().get(), svc.store());
            run = new ReconcilePage.Run(flow, Instant.now(), user(ctx), report, null);
        } catch (Exception e) {
            String reason = Redactor.oneLine(String.valueOf(e.getMessage()));
            LOG.warn("console: reconcile {} failed: {}", flow, Redactor.forLog(reason));
            run = new ReconcilePage.Run(flow, Instant.now(), user(ctx), null, "Cannot read both sides: " + reason);
        }
        reconciled.put(flow, run);
        Console.redirect(ctx, "/console/reconcile?flow=" + FlowsPage.enc(flow));
    }

    private interface Body {
        String render() throws Exception;
    }

    private void page(RoutingContext ctx, String title, Body body) {
        String html;
        try {
            html = body.render();
        } catch (Exception e) {
            LOG.warn("console: {} failed: {}", ctx.request().path(), Redactor.forLog(String.valueOf(e.getMessage())));
            html(ctx, 503, Layout.page(title, user(ctx), csrf(ctx), null, new Html().el("p", "error",
                    "This page could not be read; the reason is in the ce-bridge log.").toString()));
            return;
        }
        html(ctx, 200, Layout.page(title, user(ctx), csrf(ctx), flash(ctx.session()), html));
    }

    private void act(RoutingContext ctx, String back, Body action) {
        String message;
        try {
            message = action.render();
        } catch (IllegalArgumentException e) {
            message = e.getMessage();
        } catch (Exception e) {
            LOG.warn("console: {} failed: {}", ctx.request().path(), Redactor.forLog(String.valueOf(e.getMessage())));
            message = "That did not work; the reason is in the ce-bridge log.";
        }
        ctx.session().put(Console.FLASH, message);
        Console.redirect(ctx, back);
    }

    private static void html(RoutingContext ctx, int status, String page) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(page);
    }

    private static String flash(Session session) {
        return session == null ? null : session.remove(Console.FLASH);
    }

    private static String csrf(RoutingContext ctx) {
        return Csrf.token(ctx.session());
    }

    private static String user(RoutingContext ctx) {
        return ctx.session().get(Console.USER);
    }

    private static Long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
