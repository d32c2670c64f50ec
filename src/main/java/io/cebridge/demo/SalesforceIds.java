package io.cebridge.demo;

/** Builds and checks 15/18-character Salesforce-style record ids. */
final class SalesforceIds {

    // Salesforce encodes ids in base 62 with digits before upper before lower case, which is ASCII order,
    // so fixed-width ids compare lexicographically in creation order.
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final int BODY_LENGTH = 12;

    private SalesforceIds() {
    }

    /** Returns the 18-character id with the given 3-character key prefix and sequence number. */
    static String of(String keyPrefix, long sequence) {
        if (keyPrefix.length() != 3 || sequence < 0) {
            throw new IllegalArgumentException("bad id parts: " + keyPrefix + "/" + sequence);
        }
        char[] body = new char[BODY_LENGTH];
        long rest = sequence;
        for (int i = BODY_LENGTH - 1; i >= 0; i--) {
            body[i] = BASE62.charAt((int) (rest % 62));
            rest /= 62;
        }
        if (rest != 0) {
            throw new IllegalStateException("id sequence exhausted: " + sequence);
        }
        return to18(keyPrefix + new String(body));
    }

    /** Appends the case-safety suffix to a 15-character id (an 18-character id is returned unchanged). */
    static String to18(String id) {
        if (id.length() == 18) {
            return id;
        }
        if (id.length() != 15) {
            throw new IllegalArgumentException("not a 15-character id: " + id);
        }
        // Each suffix character records which of 5 id characters are upper case, so that
        // case-insensitive systems can still tell ids apart.
        StringBuilder out = new StringBuilder(id);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            out.append(SUFFIX_CHARS.charAt(bits));
        }
        return out.toString();
    }

    /** True when the text looks like a 15- or 18-character alphanumeric id. */
    static boolean isWellFormed(String text) {
        if (text == null || (text.length() != 15 && text.length() != 18)) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (BASE62.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Normalises a well-formed 15- or 18-character id to its 18-character form. */
    static String normalise(String text) {
        if (!isWellFormed(text)) {
            throw new IllegalArgumentException("malformed id " + text);
        }
        // The suffix is derived from the first 15 characters, so recomputing it also repairs a mis-cased suffix.
        return to18(text.substring(0, 15));
    }
}
