package io.cebridge.demo;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The set of currently valid OAuth access tokens. */
final class AccessTokens {

    // Real tokens start with the org id and '!'; clients sometimes log only that prefix.
    private static final String ORG_PREFIX = "00D000000000001!";

    private final SecureRandom random = new SecureRandom();
    private final Set<String> valid = ConcurrentHashMap.newKeySet();

    /** Issues a new random token. */
    String issue() {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String token = ORG_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        valid.add(token);
        return token;
    }

    /** True when the token was issued and not expired. */
    boolean isValid(String token) {
        return token != null && valid.contains(token);
    }

    /** Invalidates every token issued so far, like a session timeout. */
    void expireAll() {
        valid.clear();
    }

    /**
     * Extracts the token from an Authorization header ("Bearer x", or the older "OAuth x"); null if absent.
     */
    static String fromHeader(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        for (String scheme : new String[] {"Bearer ", "OAuth "}) {
            if (value.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return value.substring(scheme.length()).trim();
            }
        }
        return null;
    }
}
