package io.steadfast.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the fault proxy on its own: {@code ProxyMain [--control host:port] [--route listen=upstream[,upstream...]]...}.
 * Prints {@code proxy: control http://HOST:PORT} once ready and runs until SIGTERM or SIGINT. The
 * {@code steadfast proxy} command does the same with the product's command line.
 */
public final class ProxyMain {

    private ProxyMain() {
    }

    public static void main(String[] args) throws Exception {
        HostPort control = FaultProxy.DEFAULT_CONTROL;
        List<RouteSpec> routes = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--control" -> control = HostPort.parse(value);
                    case "--route" -> routes.add(RouteSpec.parse(value));
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                            + "'; usage: [--control host:port] [--route listen=upstream[,upstream...]]...");
                }
                i++;
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        runUntilSignalled(FaultProxy.start(control, routes));
    }

    /** Prints the proxy's addresses, then blocks until the JVM is asked to stop, and closes the proxy. */
    public static void runUntilSignalled(FaultProxy proxy) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            stopped.countDown();
        }, "proxy-shutdown"));
        System.out.println("proxy: control http://" + proxy.control());
        proxy.routes().forEach(r -> System.out.println("proxy: route " + r.listen() + " -> " + r.upstreams()));
        System.out.flush();
        stopped.await();
    }
}
