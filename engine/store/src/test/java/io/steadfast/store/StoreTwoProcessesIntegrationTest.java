package io.steadfast.store;

import static io.steadfast.store.Results.T0;
import static io.steadfast.store.Results.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CLI keeps working while {@code steadfast serve} runs on the same data directory (H2) or the same
 * database (PostgreSQL).
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class StoreTwoProcessesIntegrationTest {

    @Parameter
    TestDatabase database;

    private PostgresServer.Target target;

    private static final int EACH = 20;

    @TempDir
    Path dataDir;

    @Test
    void shouldLetTwoProcessesUseOneDataDirectoryAtOnce() throws Exception {
        target = database.create(dataDir);
        try (Store serve = target.open()) {
            Process cli = startSecondProcess();

            for (int i = 0; i < EACH; i++) {
                ResultEvent r = result("serve-" + i, "serve-svc", "cpu", ResultStatus.PASSED, T0.plusSeconds(i));
                assertThat(serve.storeResults(List.of(r), Instant.now()).stored()).isEqualTo(1);
            }

            assertThat(cli.waitFor(120, TimeUnit.SECONDS)).as("second process finished").isTrue();
            String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(cli.exitValue()).as("second process exit code; output:%n%s", out).isZero();
            assertThat(out).containsPattern("seen=\\d+");
            assertThat(serve.results("cli-svc")).extracting(ResultEvent::resultId).hasSize(EACH)
                    .contains("cli-svc-0", "cli-svc-" + (EACH - 1));
            assertThat(serve.latestCountedResults("cli-svc")).extracting(ResultEvent::resultId)
                    .containsExactly("cli-svc-" + (EACH - 1));
            assertThat(serve.results("serve-svc")).hasSize(EACH);
        }
    }

    private Process startSecondProcess() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SecondProcessWriter.class.getName(), target.url(), orDash(target.user()),
                orDash(target.password()), "cli-svc", String.valueOf(EACH), "serve-svc")
                .redirectErrorStream(true)
                .start();
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
