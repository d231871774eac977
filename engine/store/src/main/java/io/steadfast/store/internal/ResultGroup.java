package io.steadfast.store.internal;

import io.steadfast.spi.result.ResultEvent;

/**
 * The group whose latest counted result the scorer needs: one test instance of one service, as
 * reported by one source, in one environment, for one service version. Absent optional fields are
 * {@code ""}.
 */
record ResultGroup(String service, String suite, String test, String target, String source, String environment,
                   String serviceVersion) {

    static ResultGroup of(ResultEvent event) {
        return new ResultGroup(event.service(), event.suite(), event.test(), event.target(),
                orEmpty(event.source()), orEmpty(event.environment()), orEmpty(event.serviceVersion()));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
