package io.steadfast.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxySecretTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldMakeASecretReadableByItsOwnerOnlyWhenThereIsNone() throws Exception {
        Path file = ProxySecret.defaultFile(dataDir.resolve("new"));

        String secret = ProxySecret.readOrCreate(file, new SecureRandom());

        assertThat(file).isEqualTo(dataDir.resolve("new/proxy.secret"));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(ProxySecret.read(file)).isEqualTo(secret);
    }

    @Test
    void shouldKeepTheSecretItFinds() {
        Path file = ProxySecret.defaultFile(dataDir);
        String first = ProxySecret.readOrCreate(file, new SecureRandom());

        assertThat(ProxySecret.readOrCreate(file, new SecureRandom())).isEqualTo(first);
    }

    @Test
    void shouldRefuseASecretFileOthersCanRead() throws Exception {
        Path file = dataDir.resolve("proxy.secret");
        Files.writeString(file, "shared-secret-0123456789-abcdefghijklmnop");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> ProxySecret.readOrCreate(file, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("proxy secret file '" + file + "' must be readable and writable by its owner only (chmod 600),"
                        + " but was rw-r-----");
    }

    @Test
    void shouldRefuseASecretTooShortToGuard() throws Exception {
        Path file = dataDir.resolve("proxy.secret");
        Files.writeString(file, "password\n");

        assertThatThrownBy(() -> ProxySecret.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("proxy secret in file '" + file + "' must be at least 32 characters long, but was 8");
    }

    @Test
    void shouldSayWhereTheMissingSecretIsMade() {
        Path file = dataDir.resolve("proxy.secret");

        assertThatThrownBy(() -> ProxySecret.read(file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("proxy secret file '" + file + "' must be readable (steadfast proxy makes it in"
                        + " its data directory), but was not");
    }
}
