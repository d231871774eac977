package io.steadfast.connectors.health.internal;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that accepts every certificate chain, without checking who signed it, when it is
 * valid or which host it names.
 *
 * <p>Only for reading the chain an endpoint presents in order to judge it (the certificate-expiry
 * check): a connection made with it proves nothing about whom it talks to, and nothing is ever sent
 * over it. Extending {@link X509ExtendedTrustManager} keeps the JDK from wrapping it in checks of its
 * own, so that an expired or weakly signed chain still reaches the judge.
 */
public final class AcceptAnyChain extends X509ExtendedTrustManager {

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
