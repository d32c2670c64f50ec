package io.cebridge.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/** The listener ports of an embedded broker, remembered in its log directory so a restart (even in a new JVM) binds the same ones. */
final class BrokerPorts {

    static final String HOST = "127.0.0.1";
    static final String FILE_NAME = "cebridge-ports.properties";

    final int broker;
    final int controller;

    private BrokerPorts(int broker, int controller) {
        this.broker = broker;
        this.controller = controller;
    }

    /**
     * Picks the ports for the next start: a fixed broker port wins; otherwise the remembered
     * port is reused while it is free, so clients keep a valid bootstrap address across restarts.
     */
    static BrokerPorts resolve(Path logDir, int fixedBrokerPort, BrokerPorts previous) {
        Properties stored = load(logDir);
        int broker = fixedBrokerPort != 0 ? fixedBrokerPort
                : reuseOrPick(previous != null ? previous.broker : intOf(stored, "broker.port"), -1);
        int controller = reuseOrPick(previous != null ? previous.controller : intOf(stored, "controller.port"), broker);
        return new BrokerPorts(broker, controller);
    }

    /** The broker port last chosen for {@code logDir}, or 0: where a running embedded broker listens. */
    static int rememberedBroker(Path logDir) {
        return intOf(load(logDir), "broker.port");
    }

    void save(Path logDir) {
        Properties p = new Properties();
        p.setProperty("broker.port", Integer.toString(broker));
        p.setProperty("controller.port", Integer.toString(controller));
        Path tmp = logDir.resolve(FILE_NAME + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "ports chosen by ce-bridge's embedded Kafka broker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // atomic replace so a crash never leaves a half-written file behind
            Files.move(tmp, logDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int reuseOrPick(int wanted, int avoid) {
        if (wanted > 0 && wanted != avoid && isFree(wanted)) {
            return wanted;
        }
        while (true) {
            int port = freePort();
            if (port != avoid) {
                return port;
            }
        }
    }

    private static boolean isFree(int port) {
        // SO_REUSEADDR like Kafka's own acceptor, so a port lingering in TIME_WAIT after our stop still counts as free
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(HOST, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(HOST, 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    private static Properties load(Path logDir) {
        Properties p = new Properties();
        Path file = logDir.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                // an unreadable file only costs us the old ports; fresh ones work just as well
                p.clear();
            }
        }
        return p;
    }

    private static int intOf(Properties p, String key) {
        try {
            return Integer.parseInt(p.getProperty(key, "0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
