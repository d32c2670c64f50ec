package io.cebridge.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every stand-in of an ERP API needs from the JDK HTTP server: a loopback server on its own daemon threads,
 * answers of any status and type, faults counted down one per call, and its own slowness (the Kingdee and YonBIP stand-ins use it).
 */
public final class StandInHttp implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;

    private StandInHttp(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Serves {@code handler} on 127.0.0.1:{@code port} (0: a free port) with eight threads named {@code name}. */
    public static StandInHttp start(int port, String name, HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService threads = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", handler);
        server.start();
        return new StandInHttp(server, threads);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Sends {@code body} with {@code status} as {@code type}; an empty body as no body. */
    public static void send(HttpExchange ex, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** True (and one fewer left) while {@code counter} of a fault on demand is above zero. */
    public static boolean take(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** The stand-in's own slowness, on its server thread. */
    public static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
