package io.cebridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void anOlderWorldReadableDataDirBecomesOwnerOnlyWithoutFollowingLinksOut() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data/store"));
        Path file = Files.writeString(data.resolve("bridge.mv.db"), "customer rows");
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "not ours");
        Files.createSymbolicLink(data.resolve("link"), outside);
        for (Path p : new Path[] {tmp.resolve("data"), data}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));

        DataDirectory.prepare(tmp.resolve("data"));

        assertThat(mode(tmp.resolve("data"))).isEqualTo("rwx------");
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(outside)).isEqualTo("rw-r--r--");
        // and what is created from now on, by any code of this process, is owner-only as well
        Path later = Files.writeString(Files.createDirectories(data.resolve("new-dir")).resolve("new.log"), "x");
        assertThat(mode(later.getParent())).isEqualTo("rwx------");
        assertThat(mode(later)).isEqualTo("rw-------");
        Path fresh = DataDirectory.prepare(tmp.resolve("fresh/data"));
        assertThat(mode(fresh)).isEqualTo("rwx------");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }
}
