package io.steadfast.cli;

import io.steadfast.app.UsageException;
import io.steadfast.proxy.FaultProxy;
import io.steadfast.proxy.HostPort;
import io.steadfast.proxy.ProxyAccess;
import io.steadfast.proxy.ProxySecret;
import io.steadfast.proxy.RouteSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "proxy", description = {
        "Runs the TCP fault proxy until stopped (SIGINT/SIGTERM): relays each route's connections to its upstreams",
        "(round-robin) unchanged, and applies latency, blackhole, reset and bandwidth faults on request from its",
        "loopback JSON control API. Every fault has a lease: the proxy reverts it by itself when it runs out unrenewed.",
        "Control requests must present the secret in the secret file (made 0600 on first start), which the engine",
        "reads from the same data directory."})
final class ProxyCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--control", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8474", converter = HostPortConverter.class,
            description = "Loopback address of the control API (default ${DEFAULT-VALUE}).")
    HostPort control;

    @Option(names = "--route", paramLabel = "LISTEN=UPSTREAM[,UPSTREAM...]", converter = RouteConverter.class,
            description = "A route to start with; repeatable. More can be added over the control API.")
    List<RouteSpec> routes = new ArrayList<>();

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "File holding the control API's secret, made (0600) when missing (default proxy.secret in the"
                    + " data directory).")
    Path secretFile;

    @Option(names = "--allow-non-loopback-listen",
            description = "Let routes listen on addresses other than loopback ones (such as 0.0.0.0), which opens their"
                    + " upstreams to the network.")
    boolean allowNonLoopbackListen;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path file = secretFile != null ? secretFile : ProxySecret.defaultFile(root.settings().dataDir());
        FaultProxy proxy;
        try {
            String secret = ProxySecret.readOrCreate(file, new SecureRandom());
            proxy = FaultProxy.start(control, new ProxyAccess(secret, allowNonLoopbackListen), routes);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            stopped.countDown();
        }, "steadfast-proxy-shutdown"));
        out.printf("proxy: control API on http://%s, for callers presenting the secret in %s; stop with Ctrl-C%n",
                proxy.control(), file);
        proxy.routes().forEach(r -> out.printf("proxy: route %s -> %s%n", r.listen(), r.upstreams()));
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    static final class HostPortConverter implements CommandLine.ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String value) {
            try {
                return HostPort.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class RouteConverter implements CommandLine.ITypeConverter<RouteSpec> {
        @Override
        public RouteSpec convert(String value) {
            try {
                return RouteSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
