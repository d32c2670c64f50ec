package io.cebridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the CLI decides whether a running process serves the embedded store: only a well-formed file whose port answers. */
class StoreServerTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    @TempDir
    Path dir;

    @Test
    void aFileWhosePortAnswersGivesTheLoopbackUrlWithTheKey() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            write("port=" + listening.getLocalPort() + "\nkey=" + KEY + "\n");
            assertThat(StoreServer.runningUrl(dir))
                    .isEqualTo("jdbc:h2:tcp://127.0.0.1:" + listening.getLocalPort() + "/" + KEY);
        }
    }

    @Test
    void aFileLeftByAKilledProcessIsIgnored() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        write("port=" + closed + "\nkey=" + KEY + "\n");
        assertThat(StoreServer.runningUrl(dir)).isNull();
    }

    @Test
    void noFileOrAMalformedOneIsIgnored() throws Exception {
        assertThat(StoreServer.runningUrl(dir)).isNull();
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // a key that is not the 32 hex digits ce-bridge writes could carry URL settings: never used
            write("port=" + listening.getLocalPort() + "\nkey=x;INIT=RUNSCRIPT FROM 'evil.sql'\n");
            assertThat(StoreServer.runningUrl(dir)).isNull();
            write("port=not-a-port\nkey=" + KEY + "\n");
            assertThat(StoreServer.runningUrl(dir)).isNull();
        }
    }

    private void write(String content) throws Exception {
        Files.writeString(dir.resolve(StoreServer.FILE), content);
    }
}
