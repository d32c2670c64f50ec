package io.cebridge.connector.crm.salesforce;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An HTTP answer's body decoded as UTF-8, with where bytes that are not UTF-8 were: the JDK's string handler puts a
 * U+FFFD in their place without a word, and that character would reach the ERP as if the CRM had sent it. Knowing
 * where they sit, the page reader dead-letters the records holding them.
 */
record Utf8Body(String text, int[] invalidAt) {
    /** The body handler of every call to Salesforce. */
    static final HttpResponse.BodyHandler<Utf8Body> HANDLER = info ->
            HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(), Utf8Body::decode);

    /** Decodes strictly; each malformed sequence becomes one U+FFFD and its character index is kept. */
    static Utf8Body decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never gives more chars than bytes
        int[] bad = new int[0];
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isUnderflow()) {
                break;
            }
            if (!r.isError()) {
                throw new IllegalStateException("UTF-8 decoding of " + bytes.length + " bytes overflowed");
            }
            bad = Arrays.copyOf(bad, bad.length + 1);
            bad[bad.length - 1] = out.position();
            out.put('\uFFFD');
            in.position(in.position() + r.length());
        }
        decoder.flush(out);
        return new Utf8Body(out.flip().toString(), bad);
    }

    /** The first character index in [from, to) where the answer held bytes that are not UTF-8, or -1. */
    int invalidBetween(int from, int to) {
        int i = Arrays.binarySearch(invalidAt, from);
        int at = i >= 0 ? i : -i - 1;
        return at < invalidAt.length && invalidAt[at] < to ? invalidAt[at] : -1;
    }
}
