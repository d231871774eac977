package io.steadfast.app;

import io.steadfast.definitions.DefinitionLoader;
import io.steadfast.definitions.Definitions;
import io.steadfast.definitions.LoadResult;
import io.steadfast.definitions.StandardSelector;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.model.TestDefinition;
import io.steadfast.model.TestSuite;
import io.steadfast.model.Waiver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The suites and standards in use (loaded once from the configured directories, reloaded on
 * request) and the parsing of services and waivers against them. Stores nothing. Thread-safe.
 */
@Singleton
public final class DefinitionService {

    private final Settings settings;
    private final DefinitionLoader loader = new DefinitionLoader();
    private volatile Definitions definitions;

    @Inject
    public DefinitionService(Settings settings) {
        this.settings = settings;
    }

    /** The suites and standards under the configured directories; a load error is a usage error. */
    public Definitions current() {
        Definitions loaded = definitions;
        if (loaded == null) {
            settings.requireDefinitionDirs();
            loaded = requireOk(loader.load(List.of(settings.suitesDir(), settings.rulesDir()))).definitions();
            definitions = loaded;
        }
        return loaded;
    }

    /**
     * Loads the suites and standards again and, when they load without error, uses them from now on;
     * otherwise keeps the ones in use and throws every error at once.
     */
    public Definitions reload() {
        settings.requireDefinitionDirs();
        Definitions loaded = requireOk(loader.load(List.of(settings.suitesDir(), settings.rulesDir()))).definitions();
        definitions = loaded;
        return loaded;
    }

    /** Resolves {@code --standard FILE-or-ID}: a standard of the loaded rules, or a file loaded beside them. */
    public Standard standard(String fileOrId) {
        Standard known = current().standards().get(fileOrId);
        if (known != null) {
            return known;
        }
        Path file = Path.of(fileOrId);
        if (!Files.isRegularFile(file)) {
            throw new UsageException("standard '" + fileOrId + "' must be a standard id or a file, but was neither"
                    + " (known standards: " + String.join(", ", current().standards().keySet().stream()
                    .sorted().toList()) + ")");
        }
        LoadResult withFile = requireOk(loader.load(List.of(settings.suitesDir(), settings.rulesDir(), file)));
        List<Standard> fromFile = withFile.definitions().standards().values().stream()
                .filter(s -> !current().standards().containsKey(s.id())).toList();
        if (fromFile.size() != 1) {
            throw new UsageException("file '" + file + "' must define exactly one new standard, but defined "
                    + fromFile.size());
        }
        return fromFile.get(0);
    }

    /** Parses and validates the services of a YAML text, against the loaded standards. Stores nothing. */
    public List<ServiceDefinition> parseServices(String origin, String text) {
        Definitions parsed = requireOk(loader.loadText(origin, text)).definitions();
        if (parsed.services().isEmpty() || !parsed.suites().isEmpty() || !parsed.standards().isEmpty()
                || !parsed.waivers().isEmpty()) {
            throw new UsageException(origin + ": must hold only Service documents, and at least one");
        }
        List<String> problems = new ArrayList<>();
        for (ServiceDefinition service : parsed.services().values()) {
            if (service.standard() != null && !current().standards().containsKey(service.standard())) {
                problems.add(origin + ": service '" + service.id() + "': standard must be a known standard, but was '"
                        + service.standard() + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageException(problems);
        }
        return List.copyOf(parsed.services().values());
    }

    /** Parses the waivers of a YAML text. Stores nothing. */
    public List<Waiver> parseWaivers(String origin, String text) {
        Definitions parsed = requireOk(loader.loadText(origin, text)).definitions();
        if (parsed.waivers().isEmpty() || !parsed.services().isEmpty() || !parsed.suites().isEmpty()
                || !parsed.standards().isEmpty()) {
            throw new UsageException(origin + ": must hold only Waiver documents, and at least one");
        }
        return parsed.waivers();
    }

    /** The ids of the tests in the suites of every loaded standard, sorted. */
    public Set<String> standardTests() {
        Definitions loaded = current();
        return loaded.standards().values().stream().flatMap(standard -> standard.suites().stream())
                .map(loaded.suites()::get).filter(Objects::nonNull)
                .flatMap(suite -> suite.tests().stream()).map(TestDefinition::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The suites a run of the service executes: the ones named, or else those of the standard the
     * service is scored against (in {@code environment}, or its own when null).
     */
    public List<TestSuite> suitesToRun(ServiceDefinition service, List<String> suiteIds, String environment) {
        if (!suiteIds.isEmpty()) {
            List<TestSuite> named = new ArrayList<>();
            for (String id : suiteIds) {
                TestSuite suite = current().suites().get(id);
                if (suite == null) {
                    throw new UsageException("--suite must name a known suite, but was '" + id + "' (known: "
                            + String.join(", ", new TreeSet<>(current().suites().keySet())) + ")");
                }
                named.add(suite);
            }
            return named;
        }
        StandardSelector.Selection selection = StandardSelector.select(service, environment, current().standards());
        if (selection.standard() == null) {
            throw new UsageException("service '" + service.id() + "' must have a standard to take its suites from,"
                    + " but " + selection.problem() + " (name suites with --suite)");
        }
        return List.copyOf(suitesOf(selection.standard()).values());
    }

    /** A standard's suites by id, in the order it names them; an unknown one is a usage error. */
    public Map<String, TestSuite> suitesOf(Standard standard) {
        Map<String, TestSuite> suites = new LinkedHashMap<>();
        for (String id : standard.suites()) {
            TestSuite suite = current().suites().get(id);
            if (suite == null) {
                throw new UsageException("standard '" + standard.id() + "': suites must name known suites, but '"
                        + id + "' is unknown");
            }
            suites.put(id, suite);
        }
        return suites;
    }

    private static LoadResult requireOk(LoadResult result) {
        if (!result.ok()) {
            throw new DefinitionsException(result.errors());
        }
        return result;
    }
}
