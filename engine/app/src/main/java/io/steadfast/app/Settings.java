package io.steadfast.app;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.steadfast.logging.Secrets;
import java.util.Map;

/**
 * Where the engine keeps and finds things. Each value is taken from its flag, else its environment
 * variable, else its default.
 *
 * @param dataDir    {@code --data-dir}, {@code STEADFAST_HOME}, default {@code ~/.steadfast}
 * @param dbUrl      {@code --db-url}, {@code STEADFAST_DB_URL}, default the H2 database in the data directory
 * @param dbUser     {@code STEADFAST_DB_USER}, or null; for {@code dbUrl} only (the H2 database in the data
 *                   directory has its own credential)
 * @param dbPassword {@code STEADFAST_DB_PASSWORD}, else the content of the file named by
 *                   {@code STEADFAST_DB_PASSWORD_FILE} (one trailing line break dropped), or null; for
 *                   {@code dbUrl} only
 * @param suitesDir  {@code --suites}, {@code STEADFAST_SUITES}, default {@code test-suites/} beside the installation
 * @param rulesDir   {@code --rules}, {@code STEADFAST_RULES}, default {@code scoring-rules/} beside the installation
 * @param policy     what the engine accepts, from the environment
 */
public record Settings(Path dataDir, String dbUrl, String dbUser, String dbPassword, Path suitesDir, Path rulesDir,
                       Policy policy) {

    /** The installation directory, set by the launcher script; else the working directory. */
    public static Path installationDir() {
        String home = System.getProperty("steadfast.install");
        return Path.of(home != null ? home : "").toAbsolutePath();
    }

    /** Flags (null when not given) over environment over defaults. */
    public static Settings resolve(Path dataDirFlag, String dbUrlFlag, Path suitesFlag, Path rulesFlag,
                                   Map<String, String> env) {
        Path dataDir = first(dataDirFlag, env.get("STEADFAST_HOME"),
                Path.of(System.getProperty("user.home"), ".steadfast"));
        String dbUrl = dbUrlFlag != null ? dbUrlFlag : env.get("STEADFAST_DB_URL");
        Path suites = first(suitesFlag, env.get("STEADFAST_SUITES"), installationDir().resolve("test-suites"));
        Path rules = first(rulesFlag, env.get("STEADFAST_RULES"), installationDir().resolve("scoring-rules"));
        return new Settings(dataDir.toAbsolutePath(), dbUrl, env.get("STEADFAST_DB_USER"), dbPassword(env), suites,
                rules, Policy.from(env));
    }

    /** Never both: a password given twice is likely a mistake about which one counts. */
    private static String dbPassword(Map<String, String> env) {
        String password = env.get("STEADFAST_DB_PASSWORD");
        String file = env.get("STEADFAST_DB_PASSWORD_FILE");
        if (file == null || file.isBlank()) {
            return password;
        }
        if (password != null) {
            throw new UsageException("STEADFAST_DB_PASSWORD and STEADFAST_DB_PASSWORD_FILE must not both be set,"
                    + " but were (file '" + file + "')");
        }
        try {
            return Files.readString(Path.of(file)).replaceFirst("\\r?\\n\\z", "");
        } catch (IOException e) {
            throw new UsageException("STEADFAST_DB_PASSWORD_FILE '" + file + "' must be a readable file, but was not: "
                    + e.getMessage());
        }
    }

    private static Path first(Path flag, String envValue, Path fallback) {
        if (flag != null) {
            return flag;
        }
        return envValue != null && !envValue.isBlank() ? Path.of(envValue) : fallback;
    }

    /** Where faults that cannot revert themselves are journaled until reverted. */
    public Path faultJournalDir() {
        return dataDir.resolve("faults");
    }

    /** The file {@code steadfast halt} writes and every run watches. */
    public Path haltFile() {
        return dataDir.resolve("halt");
    }

    /**
     * The data directory, once checked to take new files (made if missing): an unusable one is one
     * clear error rather than the store's own failures, which H2 also writes to stderr.
     */
    public Path requireWritableDataDir() {
        try {
            Files.createDirectories(dataDir);
            Files.delete(Files.createTempFile(dataDir, ".steadfast-", ".probe"));
            return dataDir;
        } catch (IOException | UnsupportedOperationException e) {
            String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
            throw new UsageException("data directory '" + dataDir + "' must be a writable directory (set --data-dir"
                    + " or STEADFAST_HOME), but no file could be made in it" + (reason == null ? "" : ": " + reason));
        }
    }

    /** The settings without the database password. */
    @Override
    public String toString() {
        return "Settings[dataDir=" + dataDir + ", dbUrl=" + (dbUrl == null ? null : Secrets.mask(dbUrl)) + ", dbUser="
                + dbUser + ", dbPassword=" + (dbPassword == null ? null : "***") + ", suitesDir=" + suitesDir
                + ", rulesDir=" + rulesDir + "]";
    }

    /** Checks that the definition directories exist, so that a wrong path says so instead of scoring nothing. */
    public void requireDefinitionDirs() {
        if (!Files.isDirectory(suitesDir)) {
            throw new UsageException("suites directory '" + suitesDir + "' must exist (set --suites or STEADFAST_SUITES)");
        }
        if (!Files.isDirectory(rulesDir)) {
            throw new UsageException("rules directory '" + rulesDir + "' must exist (set --rules or STEADFAST_RULES)");
        }
    }
}
