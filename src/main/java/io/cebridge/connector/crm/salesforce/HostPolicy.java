package io.cebridge.connector.crm.salesforce;

import io.cebridge.error.SystemFailureException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Where the Salesforce client may send its client secret and its bearer token: the login host, and the
 * {@code instance_url} of the token answer only when it is https and on the login host or an allowed host
 * ({@code *.salesforce.com}, {@code *.force.com} by default). A query's {@code nextRecordsUrl} must be a path under
 * {@code /services/data/} of that instance: an answer naming another host gets nothing sent there. Plain http only
 * with {@code allowInsecureHttp} (a stand-in on this machine: tests, the demo).
 */
public record HostPolicy(List<String> allowedHosts, boolean allowInsecureHttp) {
    public static final List<String> DEFAULT_HOSTS = List.of("*.salesforce.com", "*.force.com");

    /** The default for real orgs: https, Salesforce's own domains. */
    public static HostPolicy standard() {
        return new HostPolicy(DEFAULT_HOSTS, false);
    }

    /** A stand-in on this machine (tests, demo): plain http allowed, still only to the login host. */
    public static HostPolicy localStandIn() {
        return new HostPolicy(DEFAULT_HOSTS, true);
    }

    public HostPolicy {
        allowedHosts = List.copyOf(allowedHosts);
    }

    /** The login URL, refused when it is plain http without {@code allowInsecureHttp}. */
    URI login(String loginUrl) {
        URI u = URI.create(loginUrl);
        if (!"https".equals(u.getScheme()) && !(allowInsecureHttp && "http".equals(u.getScheme()))) {
            throw new SystemFailureException("bridge.crm.salesforce.login-url " + u.getScheme() + "://" + u.getHost()
                    + " is not https: the client secret would cross the network in clear text; Salesforce is https"
                    + " only (bridge.crm.salesforce.allow-insecure-http=true is for a local stand-in)", null);
        }
        return u;
    }

    /** The instance URL of a token answer as scheme://host[:port], or a refusal naming the host. */
    String instance(String instanceUrl, URI login) {
        URI u;
        try {
            u = URI.create(instanceUrl);
        } catch (IllegalArgumentException e) {
            throw new SystemFailureException("Salesforce's token answer names an instance_url that is not a URL; no"
                    + " token is sent anywhere", null);
        }
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        boolean schemeOk = "https".equals(u.getScheme()) || allowInsecureHttp && "http".equals(u.getScheme())
                && host.equalsIgnoreCase(login.getHost());
        if (!schemeOk || host.isEmpty() || u.getRawUserInfo() != null || !allowed(host, login)) {
            throw new SystemFailureException("Salesforce's token answer names instance_url host '" + host + "' ("
                    + u.getScheme() + "), which is neither the login host " + login.getHost() + " nor allowed by"
                    + " bridge.crm.salesforce.allowed-hosts " + allowedHosts + " over https: the token is not sent there",
                    null);
        }
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    private boolean allowed(String host, URI login) {
        if (host.equalsIgnoreCase(login.getHost())) {
            return true;
        }
        for (String pattern : allowedHosts) {
            String p = pattern.trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("*.") ? host.endsWith(p.substring(1)) && host.length() > p.length() - 1 : host.equals(p)) {
                return true;
            }
        }
        return false;
    }

    /** A query's nextRecordsUrl, if it is a plain path under /services/data/ (then sent to the instance), else refused. */
    static String nextRecordsPath(String next) {
        boolean plain = next.startsWith("/services/data/") && !next.contains("//") && !next.contains("\\")
                && !next.contains("@") && next.chars().noneMatch(ch -> ch < 0x21 || ch == 0x7f);
        URI u = null;
        if (plain) {
            try {
                u = URI.create(next);
            } catch (IllegalArgumentException e) {
                plain = false;
            }
        }
        if (!plain || u.getScheme() != null || u.getRawAuthority() != null) {
            throw new IllegalStateException("Salesforce answered a nextRecordsUrl that is not a path under /services/data/"
                    + " of its instance; nothing was sent (the page is read again on the next poll)");
        }
        return next;
    }
}
