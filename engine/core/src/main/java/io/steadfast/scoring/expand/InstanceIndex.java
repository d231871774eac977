package io.steadfast.scoring.expand;

import java.util.List;

/**
 * The expected instances of an expansion by (suite, test, target): an open-addressing table probed
 * once per result, with no key object and no boxing. Built once with its expansion. A table 8 to 16
 * times the size of its instances leaves almost every instance in its first bucket, so a lookup
 * rarely probes twice, and one entry holds all a probe reads; results usually share the definitions'
 * strings, so a match is found by identity before any character is compared. Immutable.
 */
public final class InstanceIndex {

    private final int mask;
    private final int shift;
    private final Entry[] table;

    private record Entry(int hash, String suite, String test, String target, int slot) {

        boolean matches(int hash, String suite, String test, String target) {
            return this.hash == hash && (this.test == test && this.target == target && this.suite == suite
                    || this.test.equals(test) && this.target.equals(target) && this.suite.equals(suite));
        }
    }

    InstanceIndex(List<ExpectedInstance> instances) {
        int capacity = Integer.highestOneBit(Math.max(2, instances.size()) * 16 - 1);
        mask = capacity - 1;
        shift = Integer.numberOfLeadingZeros(mask);
        table = new Entry[capacity];
        for (int slot = 0; slot < instances.size(); slot++) {
            ExpectedInstance instance = instances.get(slot);
            int hash = hash(instance.test(), instance.target());
            int i = hash >>> shift;
            while (table[i] != null && !table[i].matches(hash, instance.suite(), instance.test(), instance.target())) {
                i = (i + 1) & mask;
            }
            table[i] = new Entry(hash, instance.suite(), instance.test(), instance.target(), slot);
        }
    }

    /** The position in the expansion's instances of (suite, test, target), or -1 when it is not expected. */
    public int slotOf(String suite, String test, String target) {
        int hash = hash(test, target);
        for (int i = hash >>> shift; ; i = (i + 1) & mask) {
            Entry entry = table[i];
            if (entry == null) {
                return -1;
            }
            if (entry.matches(hash, suite, test, target)) {
                return entry.slot;
            }
        }
    }

    /** Fibonacci hashing: the top bits of the product are well spread even for ids like dep-1, dep-2. */
    private static int hash(String test, String target) {
        return (test.hashCode() * 31 + target.hashCode()) * 0x9E3779B9;
    }
}
