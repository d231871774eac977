package io.steadfast.connectors.proxy.config;

import io.steadfast.proxy.FaultProxy;
import io.steadfast.proxy.HostPort;
import io.steadfast.proxy.ProxySecret;
import io.steadfast.spi.errors.SteadfastException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The proxy fault injector's settings, read from the engine's fault-connector settings; other keys
 * are ignored.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th></tr>
 *   <tr><td>{@code proxy.control}</td><td>{@code 127.0.0.1:8474}: the control API of the proxy used
 *       for dependencies whose {@code proxy} names no {@code control}</td></tr>
 *   <tr><td>{@code proxy.timeout.ms}</td><td>5000: how long one control request may take</td></tr>
 *   <tr><td>{@code proxy.secret.file}</td><td>{@code ~/.steadfast/proxy.secret} (the engine sets the one in
 *       its data directory): the file holding the proxy's secret, which every control request presents;
 *       read at each request</td></tr>
 * </table>
 */
public record ProxySettings(HostPort control, Duration timeout, Path secretFile) {

    public static final String CONTROL = "proxy.control";
    public static final String TIMEOUT_MS = "proxy.timeout.ms";
    public static final String SECRET_FILE = "proxy.secret.file";

    /** The settings of a flat map; every invalid setting is reported at once. */
    public static ProxySettings from(Map<String, String> config) {
        List<String> problems = new ArrayList<>();
        HostPort control = FaultProxy.DEFAULT_CONTROL;
        String controlValue = config.get(CONTROL);
        if (controlValue != null) {
            try {
                control = HostPort.parse(controlValue);
            } catch (IllegalArgumentException e) {
                problems.add("setting '" + CONTROL + "' " + e.getMessage());
            }
        }
        Duration timeout = Duration.ofSeconds(5);
        String timeoutValue = config.get(TIMEOUT_MS);
        if (timeoutValue != null) {
            try {
                timeout = Duration.ofMillis(Long.parseLong(timeoutValue.strip()));
            } catch (NumberFormatException e) {
                timeout = Duration.ZERO;
            }
            if (timeout.isZero() || timeout.isNegative()) {
                problems.add("setting '" + TIMEOUT_MS + "' must be a number of milliseconds > 0, but was '"
                        + timeoutValue + "'");
            }
        }
        Path secretFile = ProxySecret.defaultFile(Path.of(System.getProperty("user.home"), ".steadfast"));
        String secretValue = config.get(SECRET_FILE);
        if (secretValue != null && secretValue.isBlank()) {
            problems.add("setting '" + SECRET_FILE + "' must be a file path, but was empty");
        } else if (secretValue != null) {
            secretFile = Path.of(secretValue.strip());
        }
        if (!problems.isEmpty()) {
            throw new SteadfastException(String.join("; ", problems));
        }
        return new ProxySettings(control, timeout, secretFile);
    }
}
