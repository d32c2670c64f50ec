package io.cebridge.console;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A per-session token every console form carries and every POST must send back: a page of another site can make the
 * browser post to the console, but cannot read the token from a console page. (The session cookie is also
 * SameSite=Strict; the token does not rely on that.) A new token comes with each new session, so a login, which
 * changes the session's id, also changes the token.
 */
final class Csrf {
    static final String FIELD = "csrf";
    private static final String KEY = "console.csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {
    }

    /** The session's token, made on first use. */
    static String token(Session session) {
        String token = session.get(KEY);
        if (token == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.put(KEY, token);
        }
        return token;
    }

    /** True when the request's form field matches the session's token (compared in constant time). */
    static boolean valid(RoutingContext ctx) {
        Session session = ctx.session();
        String expected = session == null ? null : session.get(KEY);
        String given = ctx.request().getFormAttribute(FIELD);
        return expected != null && given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh token for a session that just changed hands (a login). */
    static void renew(Session session) {
        session.remove(KEY);
        token(session);
    }
}
