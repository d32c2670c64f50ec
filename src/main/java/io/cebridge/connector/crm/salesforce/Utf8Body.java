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
    /**
     * Most byte sequences that are not UTF-8 one answer may hold, each dead-lettering its record: an answer with more
     * is not UTF-8 at all (another charset), and keeping millions of positions would fill the heap.
     */
    static final int MAX_INVALID_SEQUENCES = 10_000;

    /** The body handler of every call to Salesforce: at most {@code maxBytes} are read (see {@link AnswerSizeLimit}). */
    static HttpResponse.BodyHandler<Utf8Body> handler(long maxBytes) {
        return info -> HttpResponse.BodySubscribers.mapping(AnswerSizeLimit.of(info, maxBytes), Utf8Body::decode);
    }

    /**
     * Decodes strictly; each malformed sequence becomes one U+FFFD and its character index is kept. The bytes are
     * checked a chunk at a time, counting characters, and then decoded once into an array of exactly that size, so a
     * large answer costs its bytes and its text, never a scratch buffer twice its size.
     */
    static Utf8Body decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer chunk = CharBuffer.allocate(8192);
        long chars = 0;
        int[] bad = new int[0];
        int badCount = 0;
        while (true) {
            CoderResult r = decoder.decode(in, chunk, true);
            chars += chunk.position();
            chunk.clear();
            if (r.isUnderflow()) {
                break;
            }
            if (r.isOverflow()) {
                continue;
            }
            if (badCount == MAX_INVALID_SEQUENCES) {
                throw new CrmAnswerException("Salesforce sent an answer of " + bytes.length + " bytes with more than "
                        + MAX_INVALID_SEQUENCES + " byte sequences that are not UTF-8: it is not UTF-8 text (Salesforce"
                        + " answers in UTF-8 only); check what sits between ce-bridge and Salesforce", null);
            }
            if (badCount == bad.length) {
                bad = Arrays.copyOf(bad, Math.max(16, 2 * badCount)); // doubling: 10 MB of bad bytes stays linear
            }
            bad[badCount++] = (int) chars;
            chars++; // the U+FFFD the JDK's decoding puts there
            in.position(in.position() + r.length());
        }
        String text;
        if (chars == bytes.length) {
            text = new String(bytes, StandardCharsets.UTF_8); // one byte per character (ASCII): no scratch buffer
            if (text.length() != chars) {
                throw new IllegalStateException("UTF-8 decoding of " + bytes.length + " bytes gave " + text.length()
                        + " characters where its check counted " + chars);
            }
        } else {
            // the JDK's own decoding would take a scratch array of twice the bytes; the count is known, so no more
            char[] exact = new char[(int) chars];
            CharBuffer into = CharBuffer.wrap(exact);
            CoderResult r = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes), into, true);
            if (!r.isUnderflow() || into.hasRemaining()) {
                throw new IllegalStateException("UTF-8 decoding of " + bytes.length + " bytes did not give the "
                        + chars + " characters its check counted");
            }
            text = new String(exact);
        }
        return new Utf8Body(text, Arrays.copyOf(bad, badCount));
    }

    /** The first character index in [from, to) where the answer held bytes that are not UTF-8, or -1. */
    int invalidBetween(int from, int to) {
        int i = Arrays.binarySearch(invalidAt, from);
        int at = i >= 0 ? i : -i - 1;
        return at < invalidAt.length && invalidAt[at] < to ? invalidAt[at] : -1;
    }
}
