package io.steadfast.definitions;

import java.util.List;

/** Loads inline YAML the way a CLI command would, for tests. */
final class Yaml {

    static final String FILE = "f.yaml";

    private Yaml() {
    }

    static LoadResult load(String yaml) {
        return new DefinitionLoader().loadText(FILE, yaml);
    }

    /** Every error of loading {@code yaml} from {@value #FILE}, as its one-line formula. */
    static List<String> errors(String yaml) {
        return load(yaml).errors().stream().map(DefinitionError::toString).toList();
    }

    /** A suite with one category {@code c} and the given tests, which start at line 8. */
    static String suite(String tests) {
        return """
                apiVersion: steadfast/v1
                kind: TestSuite
                id: s
                version: 1
                categories:
                  - {id: c}
                tests:
                """ + tests;
    }

    /** Suite {@code base} (categories scalability, redundancy; tests cpu, host, other), then {@code standard} from line 20. */
    static String withBaseSuite(String standard) {
        return """
                apiVersion: steadfast/v1
                kind: TestSuite
                id: base
                version: 1
                categories: [{id: scalability}, {id: redundancy}]
                tests:
                  - id: cpu
                    category: scalability
                    fault: {type: cpu, stages: [50]}
                    duration: 5m
                  - id: host
                    category: redundancy
                    fault: {type: instance-stop}
                    duration: 5m
                  - id: other
                    category: redundancy
                    fault: {type: instance-stop, count: 2}
                    duration: 5m
                ---
                """ + standard;
    }

    /** Standard {@code std} over suite {@code base}; {@code more} starts at line 24. */
    static String standard(String more) {
        return withBaseSuite("""
                apiVersion: steadfast/v1
                kind: Standard
                id: std
                suites: [base]
                """ + more);
    }
}
