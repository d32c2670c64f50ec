package io.cebridge.connector.erp.yonbip;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of YonBIP's self-built-app token request: Base64(HmacSHA256("appKey" + appKey + "timestamp" + ms,
 * appSecret)), the parameters sorted by name and concatenated as name + value, URL-encoded in the query string.
 * The stand-in checks requests with the same function, so both sides follow one reading of the documentation.
 */
public final class YonbipSignature {
    private YonbipSignature() {
    }

    /** The Base64 signature, before URL encoding. */
    public static String sign(String appKey, long timestampMillis, String appSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("appKey" + appKey + "timestamp" + timestampMillis).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** The query string of the token request: appKey, timestamp and the URL-encoded signature. */
    public static String query(String appKey, long timestampMillis, String appSecret) {
        return "appKey=" + enc(appKey) + "&timestamp=" + timestampMillis + "&signature="
                + enc(sign(appKey, timestampMillis, appSecret));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
