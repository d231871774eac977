package io.steadfast.store.internal;

import io.steadfast.spi.result.ResultEvent;
import java.util.Comparator;

/**
 * The group whose latest counted result the scorer needs: one test instance of one service, as
 * reported by one source, in one environment, for one service version; the primary key of
 * {@code latest_results}. Absent optional fields are {@code ""}.
 */
record ResultGroup(String service, String suite, String test, String target, String source, String environment,
                   String serviceVersion) {

    /** Field by field: the order in which a writer updates groups, the same for every writer. */
    static final Comparator<ResultGroup> ORDER = Comparator.comparing(ResultGroup::service)
            .thenComparing(ResultGroup::suite).thenComparing(ResultGroup::test).thenComparing(ResultGroup::target)
            .thenComparing(ResultGroup::source).thenComparing(ResultGroup::environment)
            .thenComparing(ResultGroup::serviceVersion);

    static ResultGroup of(ResultEvent event) {
        return new ResultGroup(event.service(), event.suite(), event.test(), event.target(),
                orEmpty(event.source()), orEmpty(event.environment()), orEmpty(event.serviceVersion()));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
