package io.cebridge.console;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.config.ConfigException;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The web console at /console on the runtime's own HTTP server: off until bridge.console.admin-user and
 * bridge.console.admin-password are set. Login with a session cookie (HttpOnly, SameSite=Strict, Secure under TLS,
 * a new session id at login), a per-session CSRF token on every form, pages under a strict Content-Security-Policy,
 * assets from the jar. What the pages show and do is {@link ConsoleHandlers}'.
 */
public final class Console {
    static final String USER = "console.user";
    static final String FLASH = "console.flash";
    static final String COOKIE = "cebridge_console";
    static final Duration IDLE = Duration.ofMinutes(30);
    static final int PASSWORD_MIN = 12;
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final String ALL = "/console(/.*)?";

    private Console() {
    }

    /** True when both admin keys are set; throws naming the key when the password is too short to be one. */
    public static boolean configured(BridgeConfig cfg) {
        String user = cfg.get(BridgeKeys.CONSOLE_ADMIN_USER).strip();
        boolean password = !cfg.secret(BridgeKeys.CONSOLE_ADMIN_PASSWORD).isEmpty();
        if (user.isEmpty() != !password) {
            throw new ConfigException(List.of((user.isEmpty() ? BridgeKeys.CONSOLE_ADMIN_USER.name()
                    : BridgeKeys.CONSOLE_ADMIN_PASSWORD.name()) + ": required with "
                    + (user.isEmpty() ? BridgeKeys.CONSOLE_ADMIN_PASSWORD.name() : BridgeKeys.CONSOLE_ADMIN_USER.name())
                    + " (the web console needs both; set neither to keep it off)"));
        }
        if (password && cfg.secret(BridgeKeys.CONSOLE_ADMIN_PASSWORD).reveal().length() < PASSWORD_MIN) {
            throw new ConfigException(List.of(BridgeKeys.CONSOLE_ADMIN_PASSWORD.name() + ": at least " + PASSWORD_MIN
                    + " characters"));
        }
        return password;
    }

    /** Adds the console's routes to {@code router}; call only when {@link #configured}. */
    public static void mount(Router router, Vertx vertx, boolean tls, long maxBody, ConsoleServices services) {
        BridgeConfig cfg = services.cfg();
        AdminLogin login = new AdminLogin(cfg.get(BridgeKeys.CONSOLE_ADMIN_USER).strip(),
                cfg.secret(BridgeKeys.CONSOLE_ADMIN_PASSWORD), Clock.systemUTC());
        ConsoleHandlers pages = new ConsoleHandlers(services, login);
        router.route().pathRegex(ALL).handler(Console::headers);
        router.route().pathRegex(ALL).handler(SessionHandler.create(LocalSessionStore.create(vertx))
                .setSessionCookieName(COOKIE).setSessionCookiePath("/console").setCookieHttpOnlyFlag(true)
                .setCookieSameSite(CookieSameSite.STRICT).setCookieSecureFlag(tls).setSessionTimeout(IDLE.toMillis())
                .setMinLength(32));
        router.get("/console/assets/*").handler(StaticHandler.create("console/assets").setCachingEnabled(false)
                .setDirectoryListing(false).setIncludeHidden(false));
        router.post().pathRegex(ALL).handler(BodyHandler.create(false).setBodyLimit(maxBody));
        router.post().pathRegex(ALL).handler(Console::csrf);
        router.get("/console/login").handler(pages::loginForm);
        router.post("/console/login").handler(pages::login);
        router.route().pathRegex(ALL).handler(Console::requireLogin);
        pages.mount(router);
    }

    private static void headers(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY").putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    private static void csrf(RoutingContext ctx) {
        if (Csrf.valid(ctx)) {
            ctx.next();
        } else {
            // a form from another site, a stale page after a login or logout, or a client that sent no token
            ctx.response().setStatusCode(403).putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(Layout.page("Refused", null, null, null, new Html().el("p", "error", "The form's security"
                            + " token is missing or out of date (pages opened before a login or logout have old ones).")
                            .raw("<p><a href=\"/console/flows\">Open the console again</a></p>").toString()));
        }
    }

    private static void requireLogin(RoutingContext ctx) {
        Session session = ctx.session();
        if (session != null && session.get(USER) != null) {
            ctx.next();
        } else if (ctx.request().method() == io.vertx.core.http.HttpMethod.GET) {
            redirect(ctx, "/console/login");
        } else {
            ctx.response().setStatusCode(401).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("log in first: /console/login");
        }
    }

    /** 303: the browser follows with a GET, so a reload does not post a form again. */
    static void redirect(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(303).putHeader("Location", location).end();
    }
}
