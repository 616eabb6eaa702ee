package com.example.usersync.command;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default as run-local.sh starts it (its own JVM, H2 files under ./data, auto-server):
 * the auto-server answers on loopback only, and data/ with everything in it is private to the user,
 * also when an older version (or mkdir) left it readable to everyone.
 */
class EmbeddedH2IsPrivateTest {

    @TempDir
    Path workingDirectory;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    @Test
    void theAutoServerListensOnLoopbackOnlyAndDataIsPrivateToTheUser() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Path data = Files.createDirectories(workingDirectory.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path leftOver = Files.writeString(data.resolve("left-over.trace.db"), "from an older version");
        Files.setPosixFilePermissions(leftOver, PosixFilePermissions.fromString("rw-r--r--"));

        Path log = workingDirectory.resolve("user-command.log");
        process = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx384m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        UserCommandApplication.class.getName(),
                        "--server.port=0",
                        "--spring.main.banner-mode=off")
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertThat(process.isAlive())
                            .as("user-command running, see %s", log)
                            .isTrue();
                    return Files.readString(log).contains("Started UserCommandApplication");
                });

        Path lock = data.resolve("event-store.lock.db");
        String server = properties(lock).getProperty("server");
        assertThat(server).as("auto-server address in %s", lock).matches("(127\\.0\\.0\\.1|localhost):\\d+");
        int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
        }
        for (InetAddress address : otherAddresses()) {
            assertThatThrownBy(() -> {
                        try (Socket other = new Socket()) {
                            other.connect(new InetSocketAddress(address, port), 2000);
                        }
                    })
                    .as("auto-server reachable on %s", address)
                    .isInstanceOf(IOException.class);
        }

        assertThat(permissions(data)).isEqualTo("rwx------");
        assertThat(permissions(leftOver)).isEqualTo("rw-------");
        try (var files = Files.list(data)) {
            assertThat(files.toList())
                    .contains(lock, data.resolve("event-store.mv.db"), data.resolve("erasure-journal.mv.db"))
                    .allSatisfy(
                            file -> assertThat(permissions(file)).as("%s", file).endsWith("------"));
        }
    }

    private static List<InetAddress> otherAddresses() throws IOException {
        return NetworkInterface.networkInterfaces()
                .filter(networkInterface -> {
                    try {
                        return networkInterface.isUp() && !networkInterface.isLoopback();
                    } catch (IOException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLinkLocalAddress())
                .toList();
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
