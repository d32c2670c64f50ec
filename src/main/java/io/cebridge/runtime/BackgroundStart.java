package io.cebridge.runtime;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One part of the start (the embedded broker, the state store) on a thread of its own, so parts that do not depend
 * on each other come up at the same time; waiting for it rethrows its own exception, so a failed start says what
 * failed exactly as it would have on the main thread.
 */
final class BackgroundStart {
    private BackgroundStart() {
    }

    static <T> CompletableFuture<T> run(String threadName, Callable<T> part) {
        CompletableFuture<T> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                done.complete(part.call());
            } catch (Throwable e) { // handed to whoever waits, who reports it
                done.completeExceptionally(e);
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** The part's result, or its own exception. */
    static <T> T await(CompletableFuture<T> part) throws Exception {
        try {
            return part.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The part's result once it is done, or null when it failed (its failure is reported by {@link #await}). */
    static <T> T awaitQuietly(CompletableFuture<T> part) {
        try {
            return part.join();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
