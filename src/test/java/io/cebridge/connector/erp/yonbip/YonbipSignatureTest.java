package io.cebridge.connector.erp.yonbip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The token request's signature. The official example (token_getAccessToken_example.txt) gives appKey, timestamp and
 * signature but not the app secret, so the vector here is computed outside Java for that appKey and timestamp with a
 * known secret: printf 'appKey...timestamp...' | openssl dgst -sha256 -hmac SECRET -binary | base64.
 */
class YonbipSignatureTest {
    private static final String APP_KEY = "fbb5f5b6-21fb-4156-8b73-3ec3ac389ab7";
    private static final long TIMESTAMP = 1547192727928L;

    @Test
    void signatureIsBase64OfHmacSha256OfTheSortedParameters() {
        assertThat(YonbipSignature.sign(APP_KEY, TIMESTAMP, "ce-bridge-test-secret"))
                .isEqualTo("JF0BIaDJk9P+HJx2Qhsx6tp36nbaAzjp108nn4q/xBU=");
    }

    @Test
    void queryCarriesTheUrlEncodedSignature() {
        assertThat(YonbipSignature.query(APP_KEY, TIMESTAMP, "ce-bridge-test-secret")).isEqualTo("appKey=" + APP_KEY
                + "&timestamp=1547192727928&signature=JF0BIaDJk9P%2BHJx2Qhsx6tp36nbaAzjp108nn4q%2FxBU%3D");
    }

    @Test
    void anotherSecretOrTimestampSignsDifferently() {
        String s = YonbipSignature.sign(APP_KEY, TIMESTAMP, "ce-bridge-test-secret");
        assertThat(YonbipSignature.sign(APP_KEY, TIMESTAMP, "another-secret")).isNotEqualTo(s);
        assertThat(YonbipSignature.sign(APP_KEY, TIMESTAMP + 1, "ce-bridge-test-secret")).isNotEqualTo(s);
    }
}
