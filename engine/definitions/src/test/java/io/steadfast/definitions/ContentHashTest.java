package io.steadfast.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.model.Standard;
import io.steadfast.model.TestSuite;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    private static final String SUITE = """
            apiVersion: steadfast/v1
            kind: TestSuite
            id: s
            version: 1
            categories: [{id: c}]
            tests:
              - {id: t, category: c, fault: {type: cpu, stages: [50, 75]}, duration: 15m}
            """;

    private static final String REORDERED_SUITE = """
            tests:
              - {duration: 15m, fault: {stages: [50, 75], type: cpu}, category: c, id: t}
            categories: [{id: c}]
            version: 1
            id: s
            kind: TestSuite
            apiVersion: steadfast/v1
            """;

    private static final String STANDARD = SUITE + """
            ---
            apiVersion: steadfast/v1
            kind: Standard
            id: std
            suites: [s]
            thresholds: {pass: 90, warn: 75}
            categoryWeights: {c: 2}
            """;

    private static TestSuite suite(String yaml) {
        return Yaml.load(yaml).definitions().suites().get("s");
    }

    private static Standard standard(String yaml) {
        return Yaml.load(yaml).definitions().standards().get("std");
    }

    @Test
    void shouldHashTheSameSuiteTheSameWhateverTheKeyOrder() {
        assertThat(ContentHash.of(suite(REORDERED_SUITE))).isEqualTo(ContentHash.of(suite(SUITE)));
    }

    @Test
    void shouldHashTheSameStandardTheSameWhateverTheKeyOrderOrNumberSpelling() {
        String reordered = STANDARD.replace("thresholds: {pass: 90, warn: 75}", "thresholds: {warn: 75.0, pass: 90}");

        assertThat(ContentHash.of(standard(reordered))).isEqualTo(ContentHash.of(standard(STANDARD)));
    }

    @Test
    void shouldHashADifferentSuiteDifferently() {
        assertThat(ContentHash.of(suite(SUITE.replace("[50, 75]", "[50, 80]")))).isNotEqualTo(ContentHash.of(suite(SUITE)));
    }

    @Test
    void shouldWriteALowerCaseSha256() {
        assertThat(ContentHash.of(suite(SUITE))).matches("[0-9a-f]{64}");
    }

    @Test
    void shouldStayStableAcrossRuns() {
        // Pinned: a change here means every recorded gate decision's hash changes too.
        assertThat(ContentHash.canonicalJson(suite(SUITE))).isEqualTo("{\"categories\":[\"c\"],\"id\":\"s\","
                + "\"tests\":[{\"category\":\"c\",\"duration\":\"PT15M\",\"expect\":{},"
                + "\"fault\":{\"stages\":[\"50\",\"75\"],\"type\":\"cpu\"},\"id\":\"t\",\"scope\":\"SERVICE\","
                + "\"where\":{}}],\"version\":\"1\"}");
    }
}
