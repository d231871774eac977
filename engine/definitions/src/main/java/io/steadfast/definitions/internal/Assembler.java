package io.steadfast.definitions.internal;

import io.steadfast.definitions.Definitions;
import io.steadfast.definitions.LoadResult;
import io.steadfast.definitions.internal.Node.MapNode;
import io.steadfast.definitions.internal.Node.Scalar;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.model.TestSuite;
import io.steadfast.model.Waiver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns YAML sources into resolved definitions: reads every document, sorts them by kind, applies
 * {@code extends}, reads and checks each definition, then checks standards against suites. One
 * instance per load: it gathers the load's documents.
 */
public final class Assembler {

    public static final String API_VERSION = "steadfast/v1";
    private static final List<String> KINDS = List.of("TestSuite", "Standard", "Service", "Waiver");

    /** One YAML text and the name it is reported under. */
    public record Source(String name, String text) {
    }

    private final Problems problems;
    private final Budget budget;
    private final Map<String, MapNode> suiteDocuments = new LinkedHashMap<>();
    private final Map<String, MapNode> standardDocuments = new LinkedHashMap<>();
    private final Set<String> badHeaders = new HashSet<>();
    private final Map<String, ServiceDefinition> services = new LinkedHashMap<>();
    private final Map<String, Position> servicePositions = new LinkedHashMap<>();
    private final List<Waiver> waivers = new ArrayList<>();
    private final boolean processControl;

    /** @param processControl whether Service documents may control processes (see {@link ServiceParser#parse}) */
    public Assembler(Problems problems, boolean processControl) {
        this.problems = problems;
        this.processControl = processControl;
        this.budget = new Budget(problems);
    }

    public LoadResult assemble(List<Source> sources) {
        sources.forEach(this::read);
        return result();
    }

    /** Reads one source's documents into this load. */
    public void read(Source source) {
        for (Node document : YamlReader.read(source.name(), source.text(), problems)) {
            ControlCharacterCheck.check(document, "", false, problems);
            add(document);
        }
    }

    /** Whether the documents read so far hold a suite, or a standard. */
    public boolean has(String kind) {
        return switch (kind) {
            case "TestSuite" -> !suiteDocuments.isEmpty();
            case "Standard" -> !standardDocuments.isEmpty();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Resolves and checks what was read. */
    public LoadResult result() {
        Map<String, TestSuite> suites = suites();
        Map<String, Standard> standards = standards(suites);
        return new LoadResult(new Definitions(suites, standards, services, waivers), problems.errors());
    }

    private void add(Node document) {
        if (!budget.spend(document.size(), document.position(), "(document)")) {
            return;
        }
        if (!(document instanceof MapNode root)) {
            problems.report(document, "(document)", "must be a mapping with kind and apiVersion");
            return;
        }
        boolean headerOk = header(root);
        String kind = root.text("kind");
        if (kind == null || !KINDS.contains(kind)) {
            return;
        }
        switch (kind) {
            case "TestSuite" -> keep(root, "suite", suiteDocuments, headerOk);
            case "Standard" -> keep(root, "standard", standardDocuments, headerOk);
            case "Service" -> service(root, headerOk);
            default -> {
                int before = problems.count();
                Waiver waiver = WaiverParser.parse(root, problems);
                if (waiver != null && headerOk && problems.count() == before) {
                    waivers.add(waiver);
                }
            }
        }
    }

    private boolean header(MapNode root) {
        int before = problems.count();
        Node apiVersion = root.get("apiVersion");
        if (apiVersion == null) {
            problems.report(root.position(), "apiVersion", "is required (" + API_VERSION + ")", "absent");
        } else if (!(apiVersion instanceof Scalar scalar && scalar.text().equals(API_VERSION))) {
            problems.report(apiVersion, "apiVersion", "must be " + API_VERSION);
        }
        Node kind = root.get("kind");
        if (kind == null) {
            problems.report(root.position(), "kind", "is required (" + String.join(", ", KINDS) + ")", "absent");
        } else if (!(kind instanceof Scalar scalar && KINDS.contains(scalar.text()))) {
            problems.report(kind, "kind", "must be one of " + String.join(", ", KINDS));
        }
        return problems.count() == before;
    }

    /**
     * Keeps a suite or standard document for {@code extends} resolution. A document without a valid id,
     * or repeating an id, is kept under a key no {@code extends} can name, so that it is still resolved
     * and checked (and every error in it reported) but never loaded.
     */
    private void keep(MapNode root, String what, Map<String, MapNode> documents, boolean headerOk) {
        String id = root.text("id");
        String key = id;
        if (id == null || !Fields.SLUG.matcher(id).matches()) {
            key = "#" + documents.size();
        } else if (documents.containsKey(id)) {
            problems.report(root.get("id"), "id",
                    "must be unique among " + what + "s (first defined at " + documents.get(id).get("id").position() + ")");
            key = "#" + documents.size();
        }
        documents.put(key, root);
        if (!headerOk) {
            badHeaders.add(what + ":" + key);
        }
    }

    private void service(MapNode root, boolean headerOk) {
        int before = problems.count();
        ServiceDefinition service = ServiceParser.parse(root, problems, processControl);
        if (service == null) {
            return;
        }
        Position first = servicePositions.get(service.id());
        if (first != null) {
            problems.report(root.get("id"), "id", "must be unique among services (first defined at " + first + ")");
            return;
        }
        servicePositions.put(service.id(), root.get("id").position());
        if (headerOk && problems.count() == before) {
            services.put(service.id(), service);
        }
    }

    private Map<String, TestSuite> suites() {
        Inheritance inheritance = Inheritance.ofSuites(suiteDocuments, problems, budget);
        Map<String, TestSuite> suites = new LinkedHashMap<>();
        for (String id : suiteDocuments.keySet()) {
            MapNode resolved = resolve(inheritance, id, suiteDocuments.get(id));
            if (resolved == null) {
                continue;
            }
            TestSuite suite = SuiteParser.parse(resolved, problems);
            if (suite != null && suite.id().equals(id) && chainIsClean("suite", inheritance.chain(id))) {
                suites.put(id, suite);
            }
        }
        return suites;
    }

    private Map<String, Standard> standards(Map<String, TestSuite> suites) {
        Set<String> brokenSuites = new HashSet<>();
        suiteDocuments.values().forEach(document -> brokenSuites.add(document.text("id")));
        brokenSuites.removeAll(suites.keySet());
        Inheritance inheritance = Inheritance.ofStandards(standardDocuments, problems, budget);
        Map<String, Standard> standards = new LinkedHashMap<>();
        for (String id : standardDocuments.keySet()) {
            MapNode resolved = resolve(inheritance, id, standardDocuments.get(id));
            if (resolved == null) {
                continue;
            }
            Standard standard = StandardParser.parse(resolved, problems, suites, brokenSuites);
            if (standard != null && standard.id().equals(id) && chainIsClean("standard", inheritance.chain(id))
                    && suites.keySet().containsAll(standard.suites())) {
                standards.put(id, standard);
            }
        }
        return standards;
    }

    /**
     * The document with its bases merged in, or null when that failed or the budget is spent: what a
     * derived document inherits is checked again for each document inheriting it, so it is paid again.
     */
    private MapNode resolve(Inheritance inheritance, String id, MapNode document) {
        if (budget.over()) {
            return null;
        }
        MapNode resolved = inheritance.resolve(id);
        if (resolved == null || resolved == document) {
            return resolved;
        }
        Node extendsNode = document.get("extends");
        return budget.spend(resolved.size(), extendsNode.position(), "extends") ? resolved : null;
    }

    private boolean chainIsClean(String what, List<String> chain) {
        return chain.stream().noneMatch(id -> badHeaders.contains(what + ":" + id));
    }
}
