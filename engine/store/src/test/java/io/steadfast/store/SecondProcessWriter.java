package io.steadfast.store;

import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a second JVM by {@link StoreTwoProcessesIntegrationTest}: opens the database while the test
 * JVM holds it open, stores {@code count} results for a service, and prints how many results of {@code otherService} it sees.
 *
 * <p>Arguments: JDBC URL, user, password ({@code -} for none), service, count, other service.
 */
public final class SecondProcessWriter {

    public static void main(String[] args) {
        String url = args[0];
        String user = args[1].equals("-") ? null : args[1];
        String password = args[2].equals("-") ? null : args[2];
        String service = args[3];
        int count = Integer.parseInt(args[4]);
        String otherService = args[5];
        try (Store store = Store.open(url, user, password)) {
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
