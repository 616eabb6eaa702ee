package com.example.usersync.platform.startup;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * H2's auto-server listens on loopback only (it accepts anyone holding the key in its lock file), and
 * the directories of H2 files are private to the user (0700), files included.
 */
public final class PrivateH2Files {

    static final String BIND_ADDRESS = "h2.bindAddress";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateH2Files() {}

    /**
     * Must run before H2 is loaded: it reads {@value #BIND_ADDRESS} once. An explicit setting is kept.
     * Files H2 creates later (database, lock file with the auto-server key) are tightened once the context is up (the databases are open by then); the directory guards anything later.
     */
    public static void lockDown(Environment environment, SpringApplication application, List<String> datasourceUrls) {
        if (System.getProperty(BIND_ADDRESS) == null) {
            System.setProperty(BIND_ADDRESS, InetAddress.getLoopbackAddress().getHostAddress());
        }
        List<Path> directories = datasourceUrls.stream()
                .map(environment::getProperty)
                .map(PrivateH2Files::directory)
                .flatMap(Optional::stream)
                .distinct()
                .toList();
        directories.forEach(PrivateH2Files::makePrivate);
        if (!directories.isEmpty()) {
            application.addListeners(new OnceOpened(directories));
        }
    }

    private record OnceOpened(List<Path> directories) implements ApplicationListener<ContextRefreshedEvent> {
        @Override
        public void onApplicationEvent(ContextRefreshedEvent event) {
            directories.forEach(PrivateH2Files::makePrivate);
        }
    }

    /** The directory of an H2 file database ({@code jdbc:h2:file:./data/x}, {@code jdbc:h2:~/x}). */
    static Optional<Path> directory(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String path = url.substring("jdbc:h2:".length()).split(";", 2)[0];
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        } else if (path.matches("^(mem|tcp|ssl|zip|split|nio\\w*|async|memFS|memLZF|retry):.*")) {
            return Optional.empty();
        }
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        Path parent = Path.of(path).toAbsolutePath().normalize().getParent();
        return Optional.ofNullable(parent);
    }

    /**
     * Creates the directory as 0700, or tightens one this user owns; never a shared one (world-writable
     * like /tmp), the working directory or the home directory.
     */
    static void makePrivate(Path directory) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (!Files.exists(directory)) {
                if (posix) {
                    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                    Files.setPosixFilePermissions(directory, OWNER_ONLY);
                } else {
                    Files.createDirectories(directory);
                }
                return;
            }
            if (!posix || !mayTighten(directory)) {
                return;
            }
            Files.setPosixFilePermissions(directory, OWNER_ONLY);
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                    permissions.removeIf(p -> !p.name().startsWith("OWNER_"));
                    Files.setPosixFilePermissions(file, permissions);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make " + directory + " private to this user", e);
        }
    }

    private static boolean mayTighten(Path directory) throws IOException {
        Path real = directory.toRealPath();
        return Files.isDirectory(real)
                && !real.equals(Path.of(System.getProperty("user.dir")).toRealPath())
                && !real.equals(Path.of(System.getProperty("user.home")).toRealPath())
                && !Files.getPosixFilePermissions(real).contains(PosixFilePermission.OTHERS_WRITE)
                && Files.getOwner(real).getName().equals(System.getProperty("user.name"));
    }
}
