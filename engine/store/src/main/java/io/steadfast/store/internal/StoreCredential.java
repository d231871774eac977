package io.steadfast.store.internal;

import io.steadfast.store.StoreException;
import io.steadfast.store.StoreUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The password of the embedded H2 database in a data directory: 32 random bytes (hex), made on first
 * use and kept in {@code store.credential} (0600) beside the database, so that every process of the
 * user that opens the directory has it, and no one else does.
 *
 * <p>A database made before there was a credential has H2's default one (no user name, no
 * password). The first open after the upgrade sets the new password on it ({@code SET PASSWORD}), and
 * only then puts the credential in place. The password is chosen first into
 * {@code store.credential.new}, so that an open stopped half way takes it up again. Processes
 * starting together agree through a lock on {@code store.credential.lock}.
 */
public final class StoreCredential {

    public static final String FILE = "store.credential";
    private static final String PENDING = "store.credential.new";
    private static final String LOCK = "store.credential.lock";
    private static final String DATABASE = "steadfast.mv.db";
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");
    private static final String WRONG_CREDENTIALS = "28000";
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private StoreCredential() {
    }

    /**
     * The credential of the H2 database in {@code dir} (a private data directory), made first if it is
     * missing; {@code credentiallessUrl} opens that database with H2's default credential, as before.
     *
     * @throws StoreException when the credential cannot be read or made, or the database refuses both
     */
    public static String of(Path dir, String credentiallessUrl) {
        Path file = dir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            synchronized (StoreCredential.class) {
                try (FileChannel lockFile = open(dir.resolve(LOCK), EnumSet.of(StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE)); FileLock lock = lockFile.lock()) {
                    return Files.exists(file) ? read(file) : make(dir, credentiallessUrl);
                }
            }
        } catch (IOException e) {
            throw new StoreException("store credential '" + file + "' must be readable, but is not: "
                    + e.getMessage(), e);
        }
    }

    private static String make(Path dir, String credentiallessUrl) throws IOException {
        Path pending = dir.resolve(PENDING);
        Optional<String> resumed = Files.exists(pending) ? Optional.of(Files.readString(pending).strip())
                .filter(HEX_64.asMatchPredicate()) : Optional.empty();
        String password;
        if (resumed.isPresent()) {
            password = resumed.get();
        } else {
            Files.deleteIfExists(pending);
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            password = HexFormat.of().formatHex(bytes);
            writePrivate(pending, password);
        }
        if (Files.exists(dir.resolve(DATABASE))) {
            try {
                setPassword(dir, credentiallessUrl, password, resumed.isPresent());
            } catch (StoreException | StoreUnavailableException e) {
                if (resumed.isEmpty()) {
                    Files.delete(pending);
                }
                throw e;
            }
        }
        Files.move(pending, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    /** Sets the password on a database made with H2's default credential; one refusing it was set already, if resumed. */
    private static void setPassword(Path dir, String credentiallessUrl, String password, boolean resumed) {
        try (Connection c = DriverManager.getConnection(credentiallessUrl); Statement s = c.createStatement()) {
            s.execute("SET PASSWORD '" + password + "'");
        } catch (SQLException e) {
            if (resumed && WRONG_CREDENTIALS.equals(e.getSQLState())) {
                return;
            }
            throw new StoreException("store in '" + dir + "' must open with its credential '" + dir.resolve(FILE)
                    + "' or, made before there was one, with H2's default credential, but the file is missing and"
                    + " the database refused the default: " + e.getMessage(), e);
        }
    }

    private static String read(Path file) throws IOException {
        String credential = Files.readString(file).strip();
        if (!HEX_64.matcher(credential).matches()) {
            throw new StoreException("store credential '" + file + "' must be 64 hex digits, but was "
                    + credential.length() + " characters of something else");
        }
        return credential;
    }

    /** A new file only its owner can read and write: 0600 from the moment it exists, and set again so that no umask matters. */
    private static void writePrivate(Path file, String content) throws IOException {
        try (FileChannel channel = open(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
            channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
    }

    private static FileChannel open(Path file, Set<StandardOpenOption> options) throws IOException {
        if (!Files.getFileStore(file.getParent()).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return FileChannel.open(file, options);
        }
        FileChannel channel = FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(FILE_MODE));
        Files.setPosixFilePermissions(file, FILE_MODE);
        return channel;
    }
}
