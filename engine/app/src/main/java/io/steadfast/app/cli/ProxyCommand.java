package io.steadfast.app.cli;

import io.steadfast.proxy.FaultProxy;
import io.steadfast.proxy.HostPort;
import io.steadfast.proxy.RouteSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "proxy", description = {
        "Runs the TCP fault proxy until stopped (SIGINT/SIGTERM): relays each route's connections to its upstreams",
        "(round-robin) unchanged, and applies latency, blackhole, reset and bandwidth faults on request from its",
        "loopback JSON control API. Every fault has a lease: the proxy reverts it by itself when it runs out unrenewed."})
final class ProxyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--control", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8474", converter = HostPortConverter.class,
            description = "Loopback address of the control API (default ${DEFAULT-VALUE}).")
    HostPort control;

    @Option(names = "--route", paramLabel = "LISTEN=UPSTREAM[,UPSTREAM...]", converter = RouteConverter.class,
            description = "A route to start with; repeatable. More can be added over the control API.")
    List<RouteSpec> routes = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        FaultProxy proxy = FaultProxy.start(control, routes);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            stopped.countDown();
        }, "steadfast-proxy-shutdown"));
        out.printf("proxy: control API on http://%s; stop with Ctrl-C%n", proxy.control());
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
