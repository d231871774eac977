package io.steadfast.store.internal;

import io.steadfast.spi.result.ResultEvent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Streams the latest counted results by service, one page or chunk of services per transaction,
 * handing each service's results over as soon as they are read, so that a caller rescoring an
 * organisation never holds more than one page plus what it keeps itself. Stateless and thread-safe;
 * the consumer runs on the calling thread, outside any transaction.
 */
public final class LatestReads {

    private final Database db;
    private final ResultDao dao;

    public LatestReads(Database db, ResultDao dao) {
        this.db = db;
        this.dao = dao;
    }

    /**
     * See {@code Store.forEachServiceLatest}: services with latest counted results in id order, then
     * each requested service that has none, in id order, with an empty list.
     */
    public void forEachService(Collection<String> servicesOrEmptyForAll,
                               BiConsumer<String, List<ResultEvent>> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        TreeSet<String> unseen = new TreeSet<>(servicesOrEmptyForAll);
        boolean all = unseen.isEmpty();
        if (all || unseen.size() * 2L >= db.inTransaction("counting services", dao::registeredServices)) {
            // most of the organisation: one walk along the primary key costs far less per service than lookups
            ResultDao.LatestScan scan = new ResultDao.LatestScan();
            while (!scan.done()) {
                Map<String, List<ResultEvent>> page = db.inTransaction("reading latest counted results",
                        c -> dao.nextPage(c, scan));
                page.forEach((service, latest) -> {
                    if (all || unseen.remove(service)) {
                        consumer.accept(service, latest);
                    }
                });
            }
        } else {
            for (List<String> chunk : Jdbc.chunks(List.copyOf(unseen), ResultDao.LATEST_CHUNK)) {
                Map<String, List<ResultEvent>> latest = db.inTransaction("reading latest counted results of "
                        + chunk.size() + " service(s)", c -> dao.latestOf(c, chunk));
                latest.forEach((service, rows) -> {
                    unseen.remove(service);
                    consumer.accept(service, rows);
                });
            }
        }
        for (String none : unseen) {
            consumer.accept(none, List.of());
        }
    }
}
