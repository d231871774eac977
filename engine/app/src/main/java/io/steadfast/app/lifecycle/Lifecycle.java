package io.steadfast.app.lifecycle;

/**
 * Something long-lived that the engine starts and stops: the embedded broker, the ingest loop, the
 * HTTP server. {@link #start} returns once it runs; {@link #stop} returns once it has stopped, and
 * is idempotent. Whoever starts several stops them in the reverse order.
 */
public interface Lifecycle {

    /** A name for logs and messages. */
    String name();

    void start();

    void stop();

    /** A lifecycle made of two actions. */
    static Lifecycle of(String name, Runnable start, Runnable stop) {
        return new Lifecycle() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
                start.run();
            }

            @Override
            public void stop() {
                stop.run();
            }
        };
    }

    /** Nothing to start or stop (an external broker, for one). */
    static Lifecycle none(String name) {
        return of(name, () -> { }, () -> { });
    }
}
