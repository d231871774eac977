package io.steadfast.scoring.expand;

import io.steadfast.model.Dependency;
import io.steadfast.model.Instance;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.model.TestSuite;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Expander#expand} remembered by its inputs: the standard and its suites (by identity: definitions are
 * loaded once and shared), and the only parts of a service an expansion reads, its instances' zones and its
 * dependencies (by value, so that services of one shape share one expansion). It caches inputs of the score,
 * never a score. Holds at most {@code capacity} expansions; when full it starts over. Thread-safe.
 */
public final class ExpansionCache {

    private final int capacity;
    private final Map<Key, Expansion> expansions = new ConcurrentHashMap<>();

    public ExpansionCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, but was " + capacity);
        }
        this.capacity = capacity;
    }

    /** As {@link Expander#expand}. */
    public Expansion expand(ServiceDefinition service, Standard standard, Map<String, TestSuite> suites) {
        TestSuite[] used = new TestSuite[standard.suites().size()];
        for (int i = 0; i < used.length; i++) {
            used[i] = suites.get(standard.suites().get(i));
            if (used[i] == null) {
                return Expander.expand(service, standard, suites); // reports the missing suite
            }
        }
        Key key = new Key(standard, used, zones(service), service.dependencies());
        Expansion expansion = expansions.get(key);
        if (expansion == null) {
            expansion = Expander.expand(service, standard, suites);
            if (expansions.size() >= capacity) {
                expansions.clear();
            }
            expansions.put(key, expansion);
        }
        return expansion;
    }

    private static String[] zones(ServiceDefinition service) {
        List<Instance> instances = service.instances();
        String[] zones = new String[instances.size()];
        for (int i = 0; i < zones.length; i++) {
            zones[i] = instances.get(i).zone();
        }
        return zones;
    }

    private static final class Key {
        private final Standard standard;
        private final TestSuite[] suites;
        private final String[] zones;
        private final List<Dependency> dependencies;
        private final int hash;

        Key(Standard standard, TestSuite[] suites, String[] zones, List<Dependency> dependencies) {
            this.standard = standard;
            this.suites = suites;
            this.zones = zones;
            this.dependencies = dependencies;
            int h = System.identityHashCode(standard);
            for (TestSuite suite : suites) {
                h = h * 31 + System.identityHashCode(suite);
            }
            this.hash = (h * 31 + Arrays.hashCode(zones)) * 31 + dependencies.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key other) || hash != other.hash || standard != other.standard
                    || suites.length != other.suites.length) {
                return false;
            }
            for (int i = 0; i < suites.length; i++) {
                if (suites[i] != other.suites[i]) {
                    return false;
                }
            }
            return Arrays.equals(zones, other.zones) && dependencies.equals(other.dependencies);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
