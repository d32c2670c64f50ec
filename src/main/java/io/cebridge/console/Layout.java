package io.cebridge.console;

/** The frame of every console page: head with the bundled stylesheet and script, the menu, the flash message. */
final class Layout {
    static final String BASE = "/console";

    private Layout() {
    }

    /** {@code user} null: the login page (no menu). */
    static String page(String title, String user, String csrf, String flash, String body) {
        Html h = new Html();
        h.raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .add(title).raw(" - ce-bridge</title><link rel=\"stylesheet\" href=\"" + BASE + "/assets/console.css\">"
                        + "<script src=\"" + BASE + "/assets/console.js\" defer></script></head><body>");
        h.raw("<header><span class=\"brand\">ce-bridge</span>");
        if (user != null) {
            h.raw("<nav>").link(BASE + "/flows", "Flows").link(BASE + "/inbox", "Error inbox")
                    .link(BASE + "/trail", "Record trail").link(BASE + "/reconcile", "Reconcile").raw("</nav>");
            h.raw("<span class=\"user\">").add(user).raw("</span>");
            h.form(BASE + "/logout", csrf, "logout").raw("<button type=\"submit\" id=\"logout\">Log out</button></form>");
        }
        h.raw("</header><main>").el("h1", null, title);
        if (flash != null) {
            h.el("p", "flash", flash);
        }
        h.raw(body).raw("</main></body></html>");
        return h.toString();
    }
}
