package io.cebridge.config;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/** Validators for the string-typed keys whose format matters (URLs, API versions, regions). */
final class ConfigParsersExtra {
    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());

    private ConfigParsersExtra() {
    }

    static String httpUrl(String v) {
        try {
            URI u = URI.create(v.trim());
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                return v.trim().replaceAll("/+$", "");
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw new IllegalArgumentException("expected an http(s) URL such as https://login.salesforce.com, got '" + v + "'");
    }

    static String apiVersion(String v) {
        if (v.trim().matches("\\d{2}\\.0")) {
            return v.trim();
        }
        throw new IllegalArgumentException("expected a version such as 60.0, got '" + v + "'");
    }

    static String region(String v) {
        String r = v.trim().toUpperCase(Locale.ROOT);
        if (REGIONS.contains(r)) {
            return r;
        }
        throw new IllegalArgumentException("expected an ISO 3166 two-letter region such as CN, got '" + v + "'");
    }
}
