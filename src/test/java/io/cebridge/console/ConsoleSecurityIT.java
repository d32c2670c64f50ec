package io.cebridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.DeadLetter;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards: console pages or actions reachable without a login, a form action that works without the session's CSRF
 * token (a page of another site could post it), a session cookie script or another site can use, a login that says
 * which part was wrong or lets guesses run on; over HTTP against the real runtime.
 */
class ConsoleSecurityIT {
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    @TempDir
    Path tmp;

    @Test
    void pagesNeedALoginAndAPostWithoutTheSessionsTokenIsRefusedAndChangesNothing() throws Exception {
        try (TestErp erp = TestErp.create(TestErp.Kind.H2, tmp)) {
            BridgeHarness h = new BridgeHarness(tmp.resolve("data"), "http://127.0.0.1:9", "unused", erp);
            h.overrides.put("bridge.flows.customer-master.enabled", "false");
            h.overrides.put("bridge.console.admin-user", ConsoleBrowserIT.USER);
            h.overrides.put("bridge.console.admin-password", ConsoleBrowserIT.PASSWORD);
            try (BridgeRuntime runtime = new BridgeRuntime(h.config(), false).start()) {
                runtime.store().deadLetters().record(DeadLetter.failure("customer-master", "ingest", "001000000000009AAA",
                        "2026-11-30T00:00:00.000Z", "USCC_FORMAT", "uscc: bad", "{\"Id\":\"001000000000009AAA\"}"));
                long id = runtime.store().deadLetters().list(null, false).get(0).id();
                String base = "http://127.0.0.1:" + runtime.httpPort() + "/console";
                HttpClient anonymous = HttpClient.newHttpClient();

                for (String page : new String[] {"/flows", "/inbox", "/inbox/" + id, "/trail?id=x", "/reconcile"}) {
                    HttpResponse<String> r = get(anonymous, base + page);
                    assertThat(r.statusCode()).as(page).isEqualTo(303);
                    assertThat(r.headers().firstValue("Location")).as(page).hasValue("/console/login");
                }
                HttpResponse<String> loginPage = get(anonymous, base + "/login");
                assertThat(loginPage.headers().firstValue("Content-Security-Policy").orElse(""))
                        .contains("default-src 'none'").contains("frame-ancestors 'none'");
                String cookie = loginPage.headers().firstValue("Set-Cookie").orElseThrow();
                assertThat(cookie).startsWith(Console.COOKIE + "=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict")
                        .contains("Path=/console").doesNotContain("Secure"); // plain HTTP here

                HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
                String token = token(get(browser, base + "/login").body());
                // a login without the token is refused before the credential is looked at
                assertThat(post(browser, base + "/login", "user=" + ConsoleBrowserIT.USER + "&password="
                        + enc(ConsoleBrowserIT.PASSWORD)).statusCode()).isEqualTo(403);
                HttpResponse<String> ok = post(browser, base + "/login", "csrf=" + token + "&user="
                        + ConsoleBrowserIT.USER + "&password=" + enc(ConsoleBrowserIT.PASSWORD));
                assertThat(ok.headers().firstValue("Location")).hasValue("/console/flows");
                HttpResponse<String> letter = get(browser, base + "/inbox/" + id);
                assertThat(letter.statusCode()).isEqualTo(200);
                String session = token(letter.body());
                assertThat(session).as("a login renews the token").isNotEqualTo(token);

                // without the token, with a wrong one, or with the one from before the login: 403, the letter stays open
                for (String body : new String[] {"note=x", "csrf=forged&note=x", "csrf=" + token + "&note=x"}) {
                    HttpResponse<String> refused = post(browser, base + "/inbox/" + id + "/resolve", body);
                    assertThat(refused.statusCode()).as(body).isEqualTo(403);
                    assertThat(refused.body()).contains("security token");
                }
                assertThat(post(browser, base + "/flows/customer-master/pause", "").statusCode()).isEqualTo(403);
                assertThat(runtime.store().deadLetters().get(id).orElseThrow().status()).isEqualTo(DeadLetter.OPEN);
                // not logged in but with a token of its own: 401, nothing done
                HttpClient stranger = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
                String strangerToken = token(get(stranger, base + "/login").body());
                assertThat(post(stranger, base + "/inbox/" + id + "/resolve", "csrf=" + strangerToken).statusCode())
                        .isEqualTo(401);
                assertThat(runtime.store().deadLetters().get(id).orElseThrow().status()).isEqualTo(DeadLetter.OPEN);

                HttpResponse<String> resolved = post(browser, base + "/inbox/" + id + "/resolve", "csrf=" + session
                        + "&note=" + enc("handled <by hand>"));
                assertThat(resolved.statusCode()).isEqualTo(303);
                DeadLetter after = runtime.store().deadLetters().get(id).orElseThrow();
                assertThat(after.status()).isEqualTo(DeadLetter.RESOLVED);
                assertThat(after.resolvedBy()).isEqualTo(ConsoleBrowserIT.USER + " (console)");
                assertThat(get(browser, base + "/inbox/" + id).body()).contains("handled &lt;by hand&gt;")
                        .doesNotContain("<by hand>");

                // logout ends the session: its cookie opens nothing any more
                assertThat(post(browser, base + "/logout", "csrf=" + session).statusCode()).isEqualTo(303);
                assertThat(get(browser, base + "/flows").statusCode()).isEqualTo(303);

                // wrong user and wrong password get the same answer; the sixth guess is not even looked at
                HttpClient guesser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
                for (int i = 0; i < AdminLogin.MAX_FAILURES; i++) {
                    String t = token(get(guesser, base + "/login").body());
                    post(guesser, base + "/login", "csrf=" + t + "&user=" + (i % 2 == 0 ? "root" : ConsoleBrowserIT.USER)
                            + "&password=guess" + i);
                    assertThat(get(guesser, base + "/login").body()).contains("Wrong user name or password.");
                }
                String t = token(get(guesser, base + "/login").body());
                post(guesser, base + "/login", "csrf=" + t + "&user=" + ConsoleBrowserIT.USER + "&password="
                        + enc(ConsoleBrowserIT.PASSWORD));
                assertThat(get(guesser, base + "/login").body()).contains("Too many failed logins");
                assertThat(get(guesser, base + "/flows").statusCode()).as("not logged in").isEqualTo(303);
            }
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String token(String page) {
        Matcher m = TOKEN.matcher(page);
        assertThat(m.find()).as("a CSRF field on the page").isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient client, String url, String form) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
