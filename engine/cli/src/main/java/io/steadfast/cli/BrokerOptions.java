package io.steadfast.cli;

import com.google.inject.Module;
import io.steadfast.app.UsageException;
import io.steadfast.cli.wiring.EmbeddedKafkaModule;
import io.steadfast.cli.wiring.KafkaClusterModule;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Which running broker a client command talks to: an external cluster, or the embedded broker of a
 * running {@code steadfast serve} (127.0.0.1:9092 unless {@code --embedded-kafka-port}). Never starts one.
 */
final class BrokerOptions {

    @ArgGroup(exclusive = true)
    Choice choice;

    @Option(names = "--kafka-properties", paramLabel = "FILE",
            description = "Extra Kafka client settings (SASL, SSL, ...) for --kafka-bootstrap, as a properties file.")
    Path properties;

    static final class Choice {

        @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT[,...]", description = "The Kafka cluster.")
        String bootstrap;

        @Option(names = "--embedded-kafka-port", paramLabel = "PORT",
                description = "The port of a running 'steadfast serve' embedded broker (default 9092).")
        Integer port;
    }

    String bootstrap() {
        if (choice != null && choice.bootstrap != null) {
            return choice.bootstrap;
        }
        return "127.0.0.1:" + (choice != null && choice.port != null ? choice.port : EmbeddedKafkaModule.DEFAULT_PORT);
    }

    Module module() {
        if (properties != null && (choice == null || choice.bootstrap == null)) {
            throw new UsageException("--kafka-properties needs --kafka-bootstrap");
        }
        return new KafkaClusterModule(bootstrap(), properties);
    }
}
