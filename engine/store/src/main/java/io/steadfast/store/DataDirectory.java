package io.steadfast.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory (the embedded store, its credential, the broker's and the runner's files) is
 * private to its user: the directory {@code rwx------} (0700), its files {@code rw-------} (0600),
 * its subdirectories 0700, whatever the umask.
 *
 * <p>{@link #secure} runs at every start that uses the directory. It fixes what others could reach:
 * when the directory itself was open to others, it warns about the directory and each entry it had
 * to close, naming the old mode. Files that some library created under the umask inside a directory
 * that was already private (H2's database file, the broker's directory) were never reachable: they
 * are closed without a warning.
 */
public final class DataDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER = PosixFilePermissions.fromString("rwx------");

    private DataDirectory() {
    }

    /**
     * Creates the directory 0700 if it is missing, else makes it and its entries private (see the
     * class comment). Symbolic links in it are left alone. Returns the absolute, normalized directory.
     *
     * @throws StoreException when the directory cannot be created or its modes cannot be set
     */
    public static Path secure(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (isPosix(dir)) {
                    Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
                }
                return dir;
            }
            if (!isPosix(dir)) {
                return dir;
            }
            List<String> closed = new ArrayList<>();
            String dirMode = close(dir, DIRECTORY_MODE);
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.toList()) {
                    if (Files.isSymbolicLink(entry)) {
                        continue;
                    }
                    boolean isDir = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
                    String old = close(entry, isDir ? DIRECTORY_MODE : FILE_MODE);
                    if (old != null) {
                        closed.add((isDir ? "data subdirectory '" : "data file '") + entry + "' must be private to its user ("
                                + PosixFilePermissions.toString(isDir ? DIRECTORY_MODE : FILE_MODE) + "), but was "
                                + old + "; fixed");
                    }
                }
            }
            if (dirMode != null) {
                LOG.warn("data directory '{}' must be private to its user (rwx------), but was {}; fixed", dir, dirMode);
                closed.forEach(LOG::warn);
            }
            return dir;
        } catch (IOException e) {
            throw new StoreException("data directory '" + dir + "' must be private to its user, but cannot be made so: "
                    + e.getMessage(), e);
        }
    }

    /** The entry's mode before, when it had any group or other bit (it now has {@code mode}); else null. */
    private static String close(Path path, Set<PosixFilePermission> mode) throws IOException {
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (OWNER.containsAll(now)) {
            return null;
        }
        Files.setPosixFilePermissions(path, mode);
        return PosixFilePermissions.toString(now);
    }

    private static boolean isPosix(Path dir) throws IOException {
        return Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
    }
}
