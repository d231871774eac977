package io.steadfast.http.internal;

import io.steadfast.app.UsageException;
import io.steadfast.http.HttpSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A TLS identity read from PEM files into an in-memory key store, as Jetty takes it. */
public final class Pem {

    /** The alias and password of the key in the key store; it never leaves memory. */
    public static final String ALIAS = "steadfast";
    public static final String PASSWORD = "steadfast";

    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC");

    private Pem() {
    }

    /** The key store holding the key and its certificate chain; a bad file is a usage error naming it. */
    public static KeyStore keyStore(HttpSettings.Tls tls) {
        Certificate[] chain = certificates(tls.certificate());
        PrivateKey key = privateKey(tls.key());
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, PASSWORD.toCharArray(), chain);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new UsageException("--tls-key '" + tls.key() + "' must be the private key of --tls-cert '"
                    + tls.certificate() + "', but was not: " + e.getMessage());
        }
    }

    private static Certificate[] certificates(Path file) {
        byte[] bytes = read("--tls-cert", file);
        try {
            Certificate[] chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).toArray(Certificate[]::new);
            if (chain.length == 0) {
                throw new UsageException("--tls-cert '" + file + "' must hold a PEM certificate, but holds none");
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw new UsageException("--tls-cert '" + file + "' must hold PEM certificates, but did not: " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(Path file) {
        String text = new String(read("--tls-key", file), StandardCharsets.US_ASCII);
        Matcher m = PRIVATE_KEY.matcher(text);
        if (!m.find()) {
            throw new UsageException("--tls-key '" + file + "' must hold an unencrypted PKCS#8 key ('BEGIN PRIVATE KEY';"
                    + " convert with 'openssl pkcs8 -topk8 -nocrypt'), but did not");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1)));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not a key of this algorithm: try the next
            }
        }
        throw new UsageException("--tls-key '" + file + "' must hold an RSA or EC private key, but held neither");
    }

    private static byte[] read(String option, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UsageException(option + " '" + file + "' must be a readable file, but was not: "
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
        }
    }
}
