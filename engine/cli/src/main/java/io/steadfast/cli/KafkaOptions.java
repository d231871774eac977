package io.steadfast.cli;

import com.google.inject.Module;
import io.steadfast.cli.wiring.EmbeddedKafkaModule;
import io.steadfast.cli.wiring.KafkaClusterModule;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where results travel: the embedded broker (the default) or an external cluster. */
final class KafkaOptions {

    @ArgGroup(exclusive = true)
    Choice choice;

    @Option(names = "--kafka-properties", paramLabel = "FILE",
            description = "Extra Kafka client settings (SASL, SSL, ...) for --kafka-bootstrap, as a properties file.")
    Path properties;

    static final class Choice {

        @ArgGroup(exclusive = false)
        Embedded embedded;

        @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT[,...]",
                description = "Use this external Kafka cluster instead of the embedded broker.")
        String bootstrap;
    }

    static final class Embedded {

        @Option(names = "--embedded-kafka", description = "Run an in-process Kafka broker (the default).")
        boolean embedded;

        @Option(names = "--embedded-kafka-port", paramLabel = "PORT",
                description = "Port of the embedded broker on 127.0.0.1 (default 9092).")
        Integer port;
    }

    String bootstrap() {
        return choice == null ? null : choice.bootstrap;
    }

    /** The one place that chooses between the embedded broker and an external cluster. */
    Module module() {
        if (bootstrap() != null) {
            return new KafkaClusterModule(bootstrap(), properties);
        }
        if (properties != null) {
            throw new io.steadfast.app.UsageException("--kafka-properties needs --kafka-bootstrap");
        }
        Integer port = choice == null || choice.embedded == null ? null : choice.embedded.port;
        return new EmbeddedKafkaModule(port == null ? EmbeddedKafkaModule.DEFAULT_PORT : port);
    }
}
