package io.steadfast.connectors.process.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built-in CPU and memory burner, run as a child JVM by the stress injector:
 * {@code cpu PERCENT LEASE_MS} burns that share of every core (duty cycles of 100 ms),
 * {@code memory BYTES LEASE_MS} allocates that many bytes off-heap and touches every page.
 *
 * <p>Prints {@value #READY} once the pressure is on. Each line read on standard input renews the
 * lease for that many milliseconds. It exits by itself when the lease runs out unrenewed, and when
 * standard input closes (the engine is gone), so a dead engine leaves no pressure behind.
 */
public final class Burner {

    /** The line printed once the pressure is on. */
    public static final String READY = "ready";

    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int CHUNK_BYTES = 64 * 1024 * 1024;
    private static final int PAGE_BYTES = 4096;

    private static final List<ByteBuffer> HELD = new ArrayList<>();
    private static volatile long deadline;

    private Burner() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3 || !(args[0].equals("cpu") || args[0].equals("memory"))) {
            System.err.println("usage: Burner cpu PERCENT LEASE_MS | memory BYTES LEASE_MS");
            System.exit(2);
        }
        long amount = Long.parseLong(args[1]);
        renew(Long.parseLong(args[2]));
        Thread renewals = new Thread(Burner::readRenewals, "renewals");
        renewals.setDaemon(true);
        renewals.start();
        if (args[0].equals("cpu")) {
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                Thread burner = new Thread(() -> burn((int) amount), "burner-" + i);
                burner.setDaemon(true);
                burner.start();
            }
        } else {
            hold(amount);
        }
        System.out.println(READY);
        System.out.flush();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, PERIOD_NANOS));
        }
        System.exit(0);
    }

    private static void renew(long leaseMillis) {
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leaseMillis);
    }

    private static void readRenewals() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                renew(Long.parseLong(line.trim()));
            }
        } catch (IOException | NumberFormatException e) {
            System.err.println("renewals stopped: " + e);
        }
        System.exit(0);
    }

    private static void burn(int percent) {
        long busy = PERIOD_NANOS * percent / 100;
        while (true) {
            long start = System.nanoTime();
            while (System.nanoTime() - start < busy) {
                Thread.onSpinWait();
            }
            long idle = PERIOD_NANOS - (System.nanoTime() - start);
            if (idle > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(idle);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static void hold(long bytes) {
        for (long left = bytes; left > 0; left -= CHUNK_BYTES) {
            ByteBuffer chunk = ByteBuffer.allocateDirect((int) Math.min(left, CHUNK_BYTES));
            for (int i = 0; i < chunk.capacity(); i += PAGE_BYTES) {
                chunk.put(i, (byte) 1);
            }
            HELD.add(chunk);
        }
    }
}
