package io.cebridge.store;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data dir holds customer data (the embedded store, Kafka's logs): it and everything in it are readable by the
 * user running ce-bridge only (directories 0700, files 0600), whatever the umask. The JDK cannot set the umask, and
 * Kafka and H2 create their files with the process's one (a checkpoint file is replaced every few seconds), so the
 * process's umask is set to 077 through the C library; existing files (an older install) are tightened once.
 */
public final class DataDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final int OWNER_ONLY_UMASK = 0077;
    private static volatile boolean umaskSet;

    private DataDirectory() {
    }

    /** The C library's umask(2); the JDK has no way to it. */
    private interface CLibrary extends Library {
        int umask(int mask);
    }

    /**
     * Creates {@code dir} (and missing parents) owner-only, sets the process umask so that what is created in it
     * later is owner-only too, and tightens what is already there.
     */
    public static Path prepare(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        if (!isPosix()) {
            createDirectories(d);
            return d;
        }
        restrictUmask();
        createDirectories(d);
        tighten(d);
        return d;
    }

    /** Directories 0700 and regular files 0600 under {@code root} (itself may be a link); links in it are not followed. */
    public static void tighten(Path root) {
        if (!isPosix() || !Files.isDirectory(root)) {
            return;
        }
        try {
            Files.walkFileTree(root.toRealPath(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    set(dir, DIRECTORY);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        set(file, FILE);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // a file Kafka or H2 removed while we walked (a rolled checkpoint, a temp file) needs nothing
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the permissions under " + root + " to its owner", e);
        }
    }

    private static void set(Path p, Set<PosixFilePermission> wanted) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
                Files.setPosixFilePermissions(p, wanted);
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // removed meanwhile
        }
    }

    private static void createDirectories(Path d) {
        try {
            if (isPosix()) {
                Files.createDirectories(d, PosixFilePermissions.asFileAttribute(DIRECTORY));
            } else {
                Files.createDirectories(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + d + ": " + e.getMessage(), e);
        }
    }

    private static synchronized void restrictUmask() {
        if (umaskSet) {
            return;
        }
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            int previous = c.umask(OWNER_ONLY_UMASK);
            // other bits the operator chose (e.g. 027 -> 077 adds nothing for the owner) are only ever narrowed
            c.umask(previous | OWNER_ONLY_UMASK);
            umaskSet = true;
        } catch (LinkageError | RuntimeException e) {
            // e.g. a /tmp mounted noexec stops JNA's native part: the 0700 directories still keep others out
            LOG.warn("cannot set the umask to 077 ({}); files created under the data dir later get the process's umask,"
                    + " inside directories only the owner can enter; start ce-bridge with umask 077", e.toString());
            umaskSet = true;
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
