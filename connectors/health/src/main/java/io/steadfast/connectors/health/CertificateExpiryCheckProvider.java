package io.steadfast.connectors.health;

import io.steadfast.connectors.health.config.Endpoint;
import io.steadfast.connectors.health.internal.AcceptAnyChain;
import io.steadfast.connectors.health.internal.Durations;
import io.steadfast.connectors.health.internal.Handshake;
import io.steadfast.model.Check;
import io.steadfast.model.Dependency;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.health.StaticCheckProvider;
import io.steadfast.spi.result.ResultStatus;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The {@code certificate-expiry} static check: reads the certificate chain a dependency's
 * {@code endpoint} presents in a TLS handshake and checks that every certificate in it stays valid
 * at least {@code minValidity} past now.
 *
 * <ul>
 *   <li>PASSED: {@code certificate CN=payments valid until 2027-03-01, 95 days > 30d}, naming the
 *       certificate of the chain that expires first;</li>
 *   <li>FAILED: names that certificate and when it expires (or expired);</li>
 *   <li>ERROR: the endpoint could not be reached, or did not complete a TLS handshake.</li>
 * </ul>
 *
 * <p>This check judges expiry, not trust: to read the chain the endpoint really presents, even an
 * expired, self-signed or misnamed one, its handshake accepts every chain ({@link AcceptAnyChain}).
 * Nothing is sent over that connection; whether the chain is trusted is the {@code tls} health
 * check's business. Connection and handshake together take at most {@link #TIMEOUT}.
 *
 * <p>Stateless and safe to call from several threads.
 */
public final class CertificateExpiryCheckProvider implements StaticCheckProvider {

    public static final String TYPE = "certificate-expiry";

    /** The longest a connection and handshake may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Override
    public Set<String> types() {
        return Set.of(TYPE);
    }

    @Override
    public Outcome run(Check check, Dependency dependency, Instant now) {
        if (!TYPE.equals(check.type())) {
            throw new SteadfastException("type of a static check must be '" + TYPE + "', but was '" + check.type() + "'");
        }
        if (check.minValidity() == null || check.minValidity().isNegative()) {
            throw new SteadfastException("minValidity of a certificate-expiry check must be >= 0, but was "
                    + check.minValidity());
        }
        String target = "dependency '" + dependency.id() + "' at '" + dependency.endpoint() + "'";
        Endpoint endpoint;
        try {
            endpoint = Endpoint.parse(dependency.endpoint(), "endpoint of dependency '" + dependency.id() + "'");
        } catch (SteadfastException e) {
            return new Outcome(ResultStatus.ERROR, e.getMessage());
        }
        Handshake.Session session;
        try {
            session = Handshake.perform(endpoint, acceptAnyChain().getSocketFactory(), false, TIMEOUT);
        } catch (Handshake.Failure e) {
            String what = e.stage() == Handshake.Stage.CONNECT
                    ? "cannot reach " + target + ": "
                    : target + " does not speak TLS (no TLS handshake completed): ";
            return new Outcome(ResultStatus.ERROR, what + e.describe(TIMEOUT));
        }
        if (session.chain().isEmpty()) {
            return new Outcome(ResultStatus.ERROR, target + " presented no certificate");
        }
        return judge(session.chain(), check.minValidity(), now);
    }

    static Outcome judge(List<X509Certificate> chain, Duration minValidity, Instant now) {
        X509Certificate first = chain.stream().min(Comparator.comparing(X509Certificate::getNotAfter)).orElseThrow();
        Instant notAfter = first.getNotAfter().toInstant();
        Duration left = Duration.between(now, notAfter);
        String name = "certificate " + first.getSubjectX500Principal().getName();
        LocalDate day = LocalDate.ofInstant(notAfter, ZoneOffset.UTC);
        String min = Durations.compact(minValidity);
        String ofChain = chain.size() == 1 ? "" : " (first to expire of the " + chain.size() + " in the chain)";
        if (left.isNegative()) {
            return new Outcome(ResultStatus.FAILED, name + " expired on " + day + ", " + Durations.words(left)
                    + " ago, minValidity " + min + ofChain);
        }
        if (left.compareTo(minValidity) < 0) {
            return new Outcome(ResultStatus.FAILED, name + " expires on " + day + ", in " + Durations.words(left)
                    + " < " + min + ofChain);
        }
        return new Outcome(ResultStatus.PASSED, name + " valid until " + day + ", " + Durations.words(left)
                + " > " + min + ofChain);
    }

    private static SSLContext acceptAnyChain() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnyChain()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new SteadfastException("a TLS context for reading certificate chains cannot be made", e);
        }
    }
}
