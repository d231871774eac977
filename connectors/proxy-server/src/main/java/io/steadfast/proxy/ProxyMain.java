package io.steadfast.proxy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the fault proxy on its own: {@code ProxyMain [--control host:port] [--secret-file FILE]
 * [--allow-non-loopback-listen] [--route listen=upstream[,upstream...]]...}. The secret file defaults to
 * {@code proxy.secret} in {@code STEADFAST_HOME}, else {@code ~/.steadfast}, and is made (0600) when
 * missing. Prints {@code proxy: control http://HOST:PORT} once ready and runs until SIGTERM or SIGINT.
 * The {@code steadfast proxy} command does the same with the product's command line.
 */
public final class ProxyMain {

    private static final String USAGE = "usage: [--control host:port] [--secret-file FILE] [--allow-non-loopback-listen]"
            + " [--route listen=upstream[,upstream...]]...";

    private ProxyMain() {
    }

    public static void main(String[] args) throws Exception {
        HostPort control = FaultProxy.DEFAULT_CONTROL;
        Path secretFile = ProxySecret.defaultFile(defaultDataDir());
        boolean allowNonLoopbackListen = false;
        List<RouteSpec> routes = new ArrayList<>();
        FaultProxy proxy;
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--allow-non-loopback-listen")) {
                    allowNonLoopbackListen = true;
                    continue;
                }
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--control" -> control = HostPort.parse(value);
                    case "--secret-file" -> secretFile = Path.of(required(value, "--secret-file"));
                    case "--route" -> routes.add(RouteSpec.parse(value));
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; " + USAGE);
                }
                i++;
            }
            ProxyAccess access = new ProxyAccess(ProxySecret.readOrCreate(secretFile, new SecureRandom()),
                    allowNonLoopbackListen);
            proxy = FaultProxy.start(control, access, routes);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        runUntilSignalled(proxy);
    }

    private static String required(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("option '" + option + "' must have a value, but had none; " + USAGE);
        }
        return value;
    }

    private static Path defaultDataDir() {
        String home = System.getenv("STEADFAST_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".steadfast");
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
