package io.steadfast.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secret every caller of the control API presents ({@code Authorization: Bearer <secret>}), kept
 * in a file only its owner may read or write (0600). By default the file is {@code proxy.secret} in the
 * data directory, where {@code steadfast proxy} makes it on first start and the engine reads it, so the
 * two need no configuration when they share the data directory.
 */
public final class ProxySecret {

    /** The secret file's name in the data directory. */
    public static final String FILE_NAME = "proxy.secret";

    static final int MIN_LENGTH = 32;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]+");
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private ProxySecret() {
    }

    /** The secret file in {@code dataDir}. */
    public static Path defaultFile(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /**
     * The proxy's secret: the one in {@code file}, or a new one (32 bytes of {@code random}, base64url)
     * written to {@code file}, created 0600, when there is no such file.
     *
     * @throws IllegalArgumentException when the file can be read by others than its owner or holds no valid secret
     * @throws UncheckedIOException     when the file can be neither read nor made
     */
    public static String readOrCreate(Path file, SecureRandom random) {
        if (!Files.exists(file)) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            try {
                create(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            } catch (FileAlreadyExistsException e) {
                // another proxy made it first: use that one
            } catch (IOException e) {
                throw new UncheckedIOException("proxy secret file '" + file + "' cannot be made: " + e.getMessage(), e);
            }
        }
        requireOwnerOnly(file);
        return read(file);
    }

    /**
     * The secret in {@code file}, as a caller of the control API reads it.
     *
     * @throws IllegalArgumentException when the file holds no valid secret
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static String read(Path file) {
        String secret;
        try {
            secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("proxy secret file '" + file + "' must be readable (steadfast proxy makes it"
                    + " in its data directory), but was not: " + e, e);
        }
        requireValid(secret, "proxy secret in file '" + file + "'");
        return secret;
    }

    /** @throws IllegalArgumentException when {@code secret} is too short or not a single header-safe token */
    static void requireValid(String secret, String what) {
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(what + " must be at least " + MIN_LENGTH + " characters long, but was "
                    + secret.length());
        }
        if (!TOKEN.matcher(secret).matches()) {
            throw new IllegalArgumentException(what + " must hold only the characters A-Z a-z 0-9 . _ ~ + / = -,"
                    + " but held others");
        }
    }

    private static void create(Path file, String secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (posix(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
    }

    private static void requireOwnerOnly(Path file) {
        if (!posix(file)) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw new UncheckedIOException("proxy secret file '" + file + "' must be readable, but was not: " + e, e);
        }
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new IllegalArgumentException("proxy secret file '" + file + "' must be readable and writable by its"
                    + " owner only (chmod 600), but was " + PosixFilePermissions.toString(permissions));
        }
    }

    private static boolean posix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
