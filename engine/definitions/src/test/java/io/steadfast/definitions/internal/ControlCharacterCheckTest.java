package io.steadfast.definitions.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.definitions.DefinitionError;
import io.steadfast.definitions.internal.Node.Entry;
import io.steadfast.definitions.internal.Node.MapNode;
import io.steadfast.definitions.internal.Node.Scalar;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ControlCharacterCheckTest {

    private static final Position AT = new Position("f.yaml", 1, 1);

    @Test
    @Timeout(30) // walking every alias would take 2^40 steps: fail rather than hang
    void shouldCheckANodeThatAliasesShareOnceNotOncePerAlias() {
        Node node = new Scalar(AT, "bad\u0000", Scalar.Type.STRING);
        for (int depth = 0; depth < 40; depth++) {
            node = new MapNode(AT, Map.of("l", new Entry(AT, node), "r", new Entry(AT, node)));
        }
        Problems problems = new Problems();

        ControlCharacterCheck.check(node, "", false, problems);

        assertThat(node.size()).as("what a walk expanding the aliases would visit").isGreaterThan(1L << 40);
        assertThat(problems.errors()).extracting(DefinitionError::message)
                .containsExactly("must not hold control characters, but held U+0000 at index 3");
    }

    @Test
    void shouldCheckASharedNodeAgainUnderTheStricterRule() {
        Node reason = new Scalar(AT, "line\nbreak", Scalar.Type.STRING);
        MapNode document = new MapNode(AT, Map.of("reason", new Entry(AT, reason), "test", new Entry(AT, reason)));
        Problems problems = new Problems();

        ControlCharacterCheck.check(document, "", false, problems);

        assertThat(problems.errors()).extracting(DefinitionError::path).containsExactly("test");
    }
}
