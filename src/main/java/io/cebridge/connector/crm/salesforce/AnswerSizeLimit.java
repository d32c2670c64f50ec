package io.cebridge.connector.crm.salesforce;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads one Salesforce answer's bytes while counting them, and stops at {@code bridge.crm.salesforce.max-answer-size}:
 * an answer over it (by its Content-Length, or by the bytes as they arrive when it has none) fails its call with a
 * {@link CrmAnswerException} naming the key, and the rest of it is never read, so a hostile or runaway answer cannot
 * fill the heap before anything looks at it.
 */
final class AnswerSizeLimit implements HttpResponse.BodySubscriber<byte[]> {
    /** The key that sets the limit, named in every refusal. */
    static final String KEY = "bridge.crm.salesforce.max-answer-size";

    private final long maxBytes;
    private final long declared;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final List<ByteBuffer> received = new ArrayList<>();
    private Flow.Subscription subscription;
    private long count;

    private AnswerSizeLimit(long maxBytes, long declared) {
        this.maxBytes = maxBytes;
        this.declared = declared;
    }

    /** A subscriber for one answer; {@code info} gives its Content-Length when it has one. */
    static AnswerSizeLimit of(HttpResponse.ResponseInfo info, long maxBytes) {
        return new AnswerSizeLimit(maxBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declared > maxBytes) {
            refuse("of " + declared + " bytes (its Content-Length)");
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            count += b.remaining();
        }
        if (count > maxBytes) {
            received.clear();
            refuse("of more than " + maxBytes + " bytes (" + count + " read when it was stopped)");
            return;
        }
        received.addAll(items); // the client hands each buffer over; it is not reused
    }

    @Override
    public void onError(Throwable error) {
        received.clear();
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        if (result.isDone()) {
            return;
        }
        byte[] all = new byte[(int) count];
        int at = 0;
        for (int i = 0; i < received.size(); i++) {
            ByteBuffer b = received.set(i, null); // let each buffer go once copied: the answer is held once, not twice
            int n = b.remaining();
            b.get(all, at, n);
            at += n;
        }
        received.clear();
        result.complete(all);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    private void refuse(String size) {
        subscription.cancel();
        result.completeExceptionally(new CrmAnswerException("Salesforce sent an answer " + size + ", over the limit of "
                + maxBytes + " bytes set by " + KEY + "; it was not read further. A query page of 2,000 records is far"
                + " smaller: check what sits between ce-bridge and Salesforce, or raise " + KEY, null));
    }
}
