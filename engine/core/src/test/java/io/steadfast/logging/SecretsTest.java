package io.steadfast.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void shouldMaskTheValueOfAnAuthorizationHeader() {
        assertThat(Secrets.mask("parsedHeader(Authorization: Bearer s3cr3tT0ken, headerString=[Authorization]"))
                .isEqualTo("parsedHeader(Authorization: ***, headerString=[Authorization]")
                .doesNotContain("s3cr3tT0ken");
        assertThat(Secrets.mask("{\"authorization\":\"Basic dXNlcjpwYXNz\"}")).isEqualTo("{\"authorization\":\"***\"}");
    }

    @Test
    void shouldMaskABearerTokenOutsideAHeader() {
        assertThat(Secrets.mask("valueString=[Bearer s3cr3tT0ken]")).isEqualTo("valueString=[Bearer ***]");
    }

    @Test
    void shouldMaskThePasswordInAJdbcUrlsUserPart() {
        assertThat(Secrets.mask("cannot open database 'jdbc:postgresql://steadfast:pa55word@db:5432/steadfast'"))
                .isEqualTo("cannot open database 'jdbc:postgresql://steadfast:***@db:5432/steadfast'");
        assertThat(Secrets.mask("{\"formattedMessage\":\"jdbc:postgresql:\\/\\/app:pa55@word@db\\/steadfast\"}"))
                .as("as JSON escapes it").isEqualTo("{\"formattedMessage\":\"jdbc:postgresql:\\/\\/app:***@db\\/steadfast\"}");
    }

    @Test
    void shouldMaskAPasswordParameterOfAJdbcUrl() {
        assertThat(Secrets.mask("jdbc:postgresql://db/steadfast?user=app&password=pa55word&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/steadfast?user=app&password=***&ssl=true");
        assertThat(Secrets.mask("jdbc:h2:tcp://db/steadfast;USER=app;PASSWORD=pa55word"))
                .isEqualTo("jdbc:h2:tcp://db/steadfast;USER=app;PASSWORD=***");
    }

    @Test
    void shouldLeaveTextWithoutCredentialsAsItWas() {
        String text = "jdbc:postgresql://db:5432/steadfast at 2026-12-03T10:00:00Z: host 'a:b@c' unreachable";
        assertThat(Secrets.mask(text)).isSameAs(text);
        assertThat(Secrets.mask("jdbc:postgresql://app@db/steadfast")).isEqualTo("jdbc:postgresql://app@db/steadfast");
        assertThat(Secrets.mask(null)).isNull();
    }
}
