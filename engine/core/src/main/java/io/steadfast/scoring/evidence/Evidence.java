package io.steadfast.scoring.evidence;

import io.steadfast.spi.result.ResultEvent;
import java.util.List;

/**
 * What one expected instance's results show.
 *
 * @param counted   the counted result (DESIGN §4.2), or null when there is none
 * @param uncounted ERROR and SKIPPED results newer than the counted one (all of them when none
 *                  counts), newest first: shown, never counted
 */
public record Evidence(ResultEvent counted, List<ResultEvent> uncounted) {

    public static final Evidence NONE = new Evidence(null, List.of());

    public Evidence {
        uncounted = List.copyOf(uncounted);
    }
}
