package io.breakwater.server;

import io.breakwater.server.auth.Secrets;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS with a self-signed certificate kept in the data directory ({@code tls.p12}, password in
 * {@code tls.pass}, both owner-only). The JDK's keytool creates it on first start, so no crypto library is needed;
 * it gets the password through its environment, never its command line (which every local user can read).
 * The certificate alone is written beside it as {@code tls.crt} (PEM): what clients trust, without the key.
 */
final class Tls {

    /** The server's certificate, PEM, beside the key store: {@code breakwater --trust-data-dir} reads this only. */
    public static final String CERTIFICATE = "tls.crt";

    private static final String PASSWORD_VARIABLE = "BREAKWATER_KEYSTORE_PASSWORD";

    private Tls() {}

    static void configure(JavalinConfig cfg, ServerConfig config) {
        Path store = config.dataDir().resolve("tls.p12");
        String password = keyStore(store, config.dataDir().resolve("tls.pass"));
        writeCertificate(store, password, config.dataDir().resolve(CERTIFICATE));
        cfg.jetty.addConnector((server, http) -> {
            var ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(store.toString());
            ssl.setKeyStorePassword(password);
            ssl.setKeyStoreType("PKCS12");
            http.addCustomizer(new SecureRequestCustomizer(false));
            var connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(http));
            connector.setHost(config.bindAddress());
            connector.setPort(config.port());
            return connector;
        });
    }

    /** The private key and its password are readable by the server's user only, where the file system says so. */
    private static void ownerOnly(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** (Re)writes the PEM certificate from the key store, so data directories of older versions get one too. */
    private static void writeCertificate(Path store, String password, Path target) {
        try (InputStream in = Files.newInputStream(store)) {
            var keys = KeyStore.getInstance("PKCS12");
            keys.load(in, password.toCharArray());
            Certificate certificate = keys.getCertificate("breakwater");
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            Files.writeString(target, pem, StandardCharsets.US_ASCII);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the certificate " + target + ": " + e.getMessage(), e);
        }
    }

    private static String keyStore(Path store, Path passwordFile) {
        try {
            if (Files.exists(store) && Files.exists(passwordFile)) {
                return Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
            }
            String password = Secrets.newToken();
            Files.deleteIfExists(store);
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            var keytoolRun = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "breakwater",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650", "-dname", "CN=breakwater",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass:env", PASSWORD_VARIABLE, "-keypass:env", PASSWORD_VARIABLE)).redirectErrorStream(true);
            keytoolRun.environment().put(PASSWORD_VARIABLE, password);
            Process p = keytoolRun.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool could not create " + store + ": " + output);
            }
            ownerOnly(store);
            Files.writeString(passwordFile, "", StandardCharsets.UTF_8);
            ownerOnly(passwordFile); // before the password is in it
            Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the TLS key store " + store, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + store, e);
        }
    }
}
