package io.steadfast.store.internal;

import io.steadfast.spi.result.ResultEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Streams the latest counted results grouped by service, one page or chunk of services per
 * transaction, handing each service's rows over as soon as they are all read, so that a caller
 * rescoring an organisation never holds more than one page of rows plus what it keeps itself.
 * Stateless and thread-safe; the consumer runs on the calling thread, outside any transaction.
 */
public final class LatestReads {

    private final Database db;
    private final ResultDao dao;

    public LatestReads(Database db, ResultDao dao) {
        this.db = db;
        this.dao = dao;
    }

    /**
     * See {@code Store.forEachServiceLatest}: services with rows in primary-key order (a scan) or in
     * id order (a lookup), then each requested service that has none, in id order, with an empty list.
     */
    public void forEachService(Collection<String> servicesOrEmptyForAll,
                               BiConsumer<String, List<ResultEvent>> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        TreeSet<String> wanted = new TreeSet<>(servicesOrEmptyForAll);
        Grouper grouper = new Grouper(wanted, consumer);
        if (wanted.isEmpty() || wanted.size() * 2L >= db.inTransaction("counting services", dao::registeredServices)) {
            // most of the organisation: one walk along the primary key costs far less per row than lookups
            ResultDao.LatestScan scan = new ResultDao.LatestScan();
            while (!scan.done()) {
                grouper.addAll(db.inTransaction("reading latest counted results", c -> dao.nextPage(c, scan)));
            }
        } else {
            for (List<String> chunk : Jdbc.chunks(wanted, ResultDao.LATEST_CHUNK)) {
                List<ResultEvent> events = db.inTransaction("reading latest counted results of "
                        + chunk.size() + " service(s)", c -> dao.latestOf(c, chunk));
                events.sort(Comparator.comparing(ResultEvent::service));
                grouper.addAll(events);
            }
        }
        grouper.finish();
    }

    /** Collects rows that come with each service's rows adjacent, and hands each service over once complete. */
    private static final class Grouper {

        private final Set<String> wanted;
        private final Set<String> unseen;
        private final Set<String> handedOver = new HashSet<>();
        private final BiConsumer<String, List<ResultEvent>> consumer;
        private String service;
        private List<ResultEvent> rows = new ArrayList<>();

        Grouper(Set<String> wanted, BiConsumer<String, List<ResultEvent>> consumer) {
            this.wanted = new HashSet<>(wanted); // probed once per row: a hash lookup, not a tree walk
            this.unseen = new TreeSet<>(wanted);
            this.consumer = consumer;
        }

        void addAll(List<ResultEvent> events) {
            for (ResultEvent event : events) {
                if (!wanted.isEmpty() && !wanted.contains(event.service())) {
                    continue;
                }
                if (!event.service().equals(service)) {
                    handOver();
                    service = event.service();
                }
                rows.add(event);
            }
        }

        void finish() {
            handOver();
            for (String none : unseen) {
                consumer.accept(none, List.of());
            }
        }

        private void handOver() {
            if (service != null) {
                if (!handedOver.add(service)) {
                    throw new IllegalStateException("the rows of service '" + service
                            + "' must come together, but came apart");
                }
                unseen.remove(service);
                rows.sort(ResultDao.LATEST_ORDER);
                consumer.accept(service, List.copyOf(rows));
            }
            service = null;
            rows = new ArrayList<>();
        }
    }
}
