package io.cebridge.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Properties;
import org.h2.engine.SysProperties;
import org.h2.tools.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the CLI (`dlq`, `status`, `trail`) read and write the embedded H2 store while a running instance holds its
 * file: the holder serves the open database over H2's TCP protocol on the loopback interface only, under a random
 * 128-bit key written to an owner-only file beside the database; another process of the same user reads the file
 * and connects. H2's own AUTO_SERVER does the same but cannot be combined with DB_CLOSE_ON_EXIT=FALSE (which lets
 * the runtime finish writing while it shuts down) and listens on every interface.
 */
public final class StoreServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreServer.class);
    /** Beside the database files in the data dir's store folder: port and key of the serving process. */
    static final String FILE = "bridge.server.properties";
    private static final String BIND_PROPERTY = "h2.bindAddress";
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        bindToLoopback();
    }

    private final Server server;
    private final Path file;
    private final String key;

    private StoreServer(Server server, Path file, String key) {
        this.server = server;
        this.file = file;
        this.key = key;
    }

    /**
     * H2 reads its bind address once, when its first class loads: the entry point calls this before anything opens
     * a database, so that every H2 TCP server of the process listens on 127.0.0.1 only. An operator's own
     * -Dh2.bindAddress is kept (and then the store is served only if it is a loopback address).
     */
    public static void bindToLoopback() {
        if (System.getProperty(BIND_PROPERTY) == null) {
            System.setProperty(BIND_PROPERTY, "127.0.0.1");
        }
    }

    /**
     * The URL of the store a running process serves from {@code storeDir}, or null when none answers (nothing runs,
     * or a crashed run left its file behind).
     */
    static String runningUrl(Path storeDir) {
        Properties p = read(storeDir.resolve(FILE));
        if (p == null) {
            return null;
        }
        String port = p.getProperty("port", "");
        String key = p.getProperty("key", "");
        if (!port.matches("\\d{1,5}") || !key.matches("[0-9a-f]{32}")) {
            return null;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(port)), 1000);
        } catch (IOException e) {
            return null;
        }
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + key;
    }

    /**
     * Serves the open database {@code dbPath} (as in its jdbc:h2:file: URL) and writes the port and key under
     * {@code storeDir}; null (with a warning) when H2 would not listen on loopback only or cannot listen.
     */
    static StoreServer start(Path storeDir, String dbPath) {
        String bind = SysProperties.BIND_ADDRESS;
        if (!isLoopback(bind)) {
            LOG.warn("the embedded state store is not served to the CLI while this process runs: H2 listens on {}, not"
                    + " on the loopback interface only (-Dh2.bindAddress); dlq, status and trail wait until it stops",
                    bind == null ? "every interface" : bind);
            return null;
        }
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String key = HexFormat.of().formatHex(random);
        RANDOM.nextBytes(random);
        String shutdownPassword = HexFormat.of().formatHex(random);
        try {
            // no -tcpAllowOthers: H2 also refuses connections from other hosts; no -ifNotExists: nothing else opens
            Server server = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-key", key, "file:" + dbPath,
                    "-tcpPassword", shutdownPassword).start();
            Path file = storeDir.resolve(FILE);
            write(file, server.getPort(), key);
            LOG.info("state store served to this host's CLI on 127.0.0.1:{}", server.getPort());
            return new StoreServer(server, file, key);
        } catch (SQLException | UncheckedIOException e) {
            LOG.warn("the embedded state store is not served to the CLI while this process runs: {}", e.getMessage());
            return null;
        }
    }

    private static boolean isLoopback(String bind) {
        if (bind == null || bind.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static void write(Path file, int port, String key) {
        Properties p = new Properties();
        p.setProperty("port", Integer.toString(port));
        p.setProperty("key", key);
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(DataDirectory.FILE));
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "the ce-bridge process holding this store serves it here to the CLI (loopback only)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Properties read(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            return p;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("unreadable {}: {}", file, e.toString());
            return null;
        }
    }

    /** Stops serving (closing the CLI's sessions) and removes the file, unless another process has written it since. */
    @Override
    public void close() {
        server.stop();
        Properties p = read(file);
        if (p != null && key.equals(p.getProperty("key"))) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debug("cannot remove {}: {}", file, e.toString());
            }
        }
    }
}
