package io.steadfast.app.cli;

import io.steadfast.spi.errors.SteadfastException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run per service among the processes sharing a data directory: an exclusive lock on a file,
 * released when the run ends or its process dies.
 */
final class ServiceRunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ServiceRunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static ServiceRunLock acquire(Path dir, String service) {
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve(service + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new SteadfastException("service '" + service + "' must have one run at a time, but another"
                        + " process is running it");
            }
            return new ServiceRunLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dir.resolve(service + ".lock"), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release run lock", e);
        }
    }
}
