package io.cebridge.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of one test's own (initdb under target/, a free port on 127.0.0.1, its socket in its own
 * directory, trust auth), for faults that stop the server: the shared server on 5432 serves other tests and workers
 * and must never be stopped. Stopped and deleted on close, and by a shutdown hook if the JVM ends first.
 */
public final class ThrowawayPostgres implements AutoCloseable {
    private static final String OS_USER = "postgres";
    private final Path dir;
    private final Path data;
    private final Path bin;
    private final int port;
    private final boolean asOsUser;
    private final Thread hook;

    private ThrowawayPostgres(Path dir, Path bin, int port, boolean asOsUser) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.bin = bin;
        this.port = port;
        this.asOsUser = asOsUser;
        this.hook = new Thread(this::destroy, "throwaway-postgres-cleanup");
    }

    /** Creates and starts a cluster; anything that fails on the way is cleaned up before the exception leaves. */
    public static ThrowawayPostgres start() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "throwaway-pg-");
        // initdb refuses to run as root: then the cluster belongs to the OS user the machine's PostgreSQL runs as
        boolean root = "root".equals(System.getProperty("user.name"));
        ThrowawayPostgres pg = new ThrowawayPostgres(dir, binDir(), freePort(), root);
        Runtime.getRuntime().addShutdownHook(pg.hook);
        try {
            Path sockets = Files.createDirectories(dir.resolve("sockets"));
            if (root) {
                chown(dir);
                chown(sockets);
            }
            pg.run(List.of(pg.bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--no-locale", "--no-sync"));
            // the settings live in the cluster's own file so that a restart comes back on the same port
            Files.writeString(pg.data.resolve("postgresql.conf"), "\nport = " + pg.port
                    + "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '" + sockets + "'"
                    + "\nfsync = off\nfull_page_writes = off\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            pg.startServer();
            return pg;
        } catch (Exception e) {
            pg.close();
            throw e;
        }
    }

    /** JDBC URL of the server, ending in '/': append a database name. */
    public String serverUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/";
    }

    /** Starts the server (again), waiting until it accepts connections; after an immediate stop it recovers first. */
    public void startServer() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "120", "start"));
    }

    /** `pg_ctl stop -m immediate`: every backend ends at once without a checkpoint, as in a server crash. */
    public void stopImmediately() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }

    private synchronized void destroy() {
        if (!Files.exists(dir)) {
            return;
        }
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                stopImmediately();
            } catch (Exception e) {
                System.err.println("ThrowawayPostgres: could not stop the cluster in " + dir + ": " + e.getMessage());
            }
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("ThrowawayPostgres: could not delete " + dir + ": " + e.getMessage());
        }
    }

    private void run(List<String> command) throws Exception {
        List<String> full = new ArrayList<>();
        if (asOsUser) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(command);
        Path out = dir.resolve("commands.log");
        // output to a file: the server started by pg_ctl may keep inherited pipes open long after pg_ctl exits
        Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within 3 minutes");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n"
                    + tail(out) + "\n" + tail(dir.resolve("server.log")));
        }
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** The newest installed server version: /usr/lib/postgresql/<version>/bin. */
    private static Path binDir() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/usr/lib/postgresql"))) {
            return s.filter(p -> Files.isExecutable(p.resolve("bin").resolve("initdb")))
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replaceAll("\\D.*", ""))))
                    .map(p -> p.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void chown(Path p) throws IOException {
        UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(OS_USER));
        GroupPrincipal group = users.lookupPrincipalByGroupName(OS_USER);
        view.setGroup(group);
    }
}
