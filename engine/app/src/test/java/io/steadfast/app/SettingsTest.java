package io.steadfast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void shouldTakeTheDatabaseCredentialsFromTheEnvironment() {
        Settings settings = Settings.resolve(dir, null, null, null, Map.of("STEADFAST_DB_URL",
                "jdbc:postgresql://db/steadfast", "STEADFAST_DB_USER", "engine", "STEADFAST_DB_PASSWORD", "s3cret"));

        assertThat(settings.dbUrl()).isEqualTo("jdbc:postgresql://db/steadfast");
        assertThat(settings.dbUser()).isEqualTo("engine");
        assertThat(settings.dbPassword()).isEqualTo("s3cret");
    }

    @Test
    void shouldShowNeitherThePasswordNorOneInTheUrlWhenPrinted() {
        Settings settings = Settings.resolve(dir, "jdbc:postgresql://engine:in-url@db/steadfast", null, null,
                Map.of("STEADFAST_DB_PASSWORD", "s3cret"));

        assertThat(settings.toString()).contains("dbPassword=***", "engine:***@db").doesNotContain("s3cret", "in-url");
    }

    @Test
    void shouldRefuseADataDirectoryWhereNoFileCanBeMade() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "");
        Settings settings = Settings.resolve(file, null, null, null, Map.of());

        assertThatThrownBy(settings::requireWritableDataDir).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("data directory '" + file + "' must be a writable directory");
        assertThat(Settings.resolve(dir.resolve("new"), null, null, null, Map.of()).requireWritableDataDir())
                .as("made if missing").isDirectory();
    }

    @Test
    void shouldReadThePasswordFromAFileWithoutItsLineBreak() throws IOException {
        Path file = Files.writeString(dir.resolve("password"), "from file \n");

        Settings settings = Settings.resolve(dir, "jdbc:postgresql://db/steadfast", null, null,
                Map.of("STEADFAST_DB_PASSWORD_FILE", file.toString()));

        assertThat(settings.dbPassword()).isEqualTo("from file ");
    }

    @Test
    void shouldRefuseAPasswordGivenTwice() throws IOException {
        Path file = Files.writeString(dir.resolve("password"), "a");

        assertThatThrownBy(() -> Settings.resolve(dir, null, null, null,
                Map.of("STEADFAST_DB_PASSWORD", "b", "STEADFAST_DB_PASSWORD_FILE", file.toString())))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("must not both be set");
    }

    @Test
    void shouldReportAMissingPasswordFile() {
        assertThatThrownBy(() -> Settings.resolve(dir, null, null, null,
                Map.of("STEADFAST_DB_PASSWORD_FILE", dir.resolve("missing").toString())))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("STEADFAST_DB_PASSWORD_FILE '" + dir.resolve("missing") + "' must be a readable file");
    }
}
