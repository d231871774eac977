package io.steadfast.proxy.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Delays the chunks of one direction, in order: each chunk is written when its due time comes, and
 * never before the chunk ahead of it. Bounded, so a slow reader holds back the relay.
 */
final class DelayLine implements Runnable {

    private static final int CAPACITY = 256;

    /** {@code data} null is the end of the stream. */
    private record Chunk(ByteBuffer data, long dueNanos) {
    }

    private final Connection connection;
    private final SocketChannel to;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final CountDownLatch done = new CountDownLatch(1);
    private long lastDue;

    DelayLine(Connection connection, SocketChannel to) {
        this.connection = connection;
        this.to = to;
    }

    /** Queues a copy of {@code data} (null: end of stream) to be written {@code delayNanos} from now. */
    void add(ByteBuffer data, long delayNanos) throws InterruptedException {
        ByteBuffer copy = null;
        if (data != null) {
            copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
        }
        long due = Math.max(lastDue, System.nanoTime() + delayNanos);
        lastDue = due;
        Chunk chunk = new Chunk(copy, due);
        while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
            if (connection.closed()) {
                return;
            }
        }
    }

    void awaitDone() throws InterruptedException {
        while (!done.await(100, TimeUnit.MILLISECONDS) && !connection.closed()) {
            // waiting for the queued data to be written
        }
    }

    @Override
    public void run() {
        try {
            while (!connection.closed()) {
                Chunk chunk = queue.poll(100, TimeUnit.MILLISECONDS);
                if (chunk == null) {
                    continue;
                }
                long wait;
                while ((wait = chunk.dueNanos() - System.nanoTime()) > 0 && !connection.closed()) {
                    LockSupport.parkNanos(wait);
                }
                if (chunk.data() == null) {
                    to.shutdownOutput();
                    return;
                }
                connection.write(to, chunk.data(), true);
            }
        } catch (IOException | RuntimeException e) {
            connection.reset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.reset();
        } finally {
            done.countDown();
        }
    }
}
