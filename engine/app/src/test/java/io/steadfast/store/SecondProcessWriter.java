package io.steadfast.store;

import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a second JVM by {@link StoreTwoProcessesIntegrationTest}: opens the default database of a
 * data directory while the test JVM holds it open, stores {@code count} results for a service, and
 * prints how many results of {@code otherService} it sees.
 *
 * <p>Arguments: data directory, service, count, other service.
 */
public final class SecondProcessWriter {

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        String service = args[1];
        int count = Integer.parseInt(args[2]);
        String otherService = args[3];
        try (Store store = Store.open(Store.defaultUrl(dataDir), null, null)) {
            for (int i = 0; i < count; i++) {
                List<ResultEvent> batch = new ArrayList<>();
                batch.add(Results.result(service + "-" + i, service, "cpu", ResultStatus.PASSED,
                        Results.T0.plusSeconds(i)));
                store.storeResults(batch, Instant.now());
            }
            System.out.println("seen=" + store.results(otherService).size());
        }
    }
}
