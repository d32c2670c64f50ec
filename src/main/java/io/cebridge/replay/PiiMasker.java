package io.cebridge.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Masks personal data in recordings consistently: the last four digits of a phone number are shifted by a per-run
 * secret key digit by digit (so "0571-85022088" and "+8657185022088" still match after masking, and the number keeps
 * its carrier prefix and stays valid), and e-mail local parts become a keyed hash.
 */
final class PiiMasker {
    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-]+)@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");
    private final byte[] key = new byte[32];
    private final int[] shifts = new int[4];

    PiiMasker() {
        new SecureRandom().nextBytes(key);
        for (int i = 0; i < 4; i++) {
            shifts[i] = 1 + Math.floorMod(key[i], 9); // never 0, so every masked digit differs from the original
        }
    }

    JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                String name = f.getKey().toLowerCase(Locale.ROOT);
                if (f.getValue().isTextual() && (name.contains("phone") || name.contains("mobile") || name.contains("fax"))) {
                    f.setValue(new TextNode(phone(f.getValue().asText())));
                } else {
                    f.setValue(mask(f.getValue()));
                }
            }
            return o;
        }
        if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, mask(a.get(i)));
            }
            return a;
        }
        if (node.isTextual()) {
            return new TextNode(emails(node.asText()));
        }
        return node;
    }

    String phone(String s) {
        char[] c = s.toCharArray();
        int seen = 0;
        for (int i = c.length - 1; i >= 0 && seen < 4; i--) {
            int d = Character.digit(c[i], 10);
            if (d >= 0) {
                // full-width digits keep their width so the cleansing path stays the same
                char zero = c[i] >= '\uFF10' && c[i] <= '\uFF19' ? '\uFF10' : '0';
                c[i] = (char) (zero + (d + shifts[seen]) % 10);
                seen++;
            }
        }
        return new String(c);
    }

    String emails(String s) {
        Matcher m = EMAIL.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, "user-" + hash(m.group(1)) + "@" + Matcher.quoteReplacement(m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String hash(String v) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(v.getBytes(StandardCharsets.UTF_8))).substring(0, 10);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
