package io.breakwater.server;

import io.breakwater.server.auth.Secrets;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS with a self-signed certificate kept in the data directory ({@code tls.p12}, password in
 * {@code tls.pass}). The JDK's keytool creates it on first start, so no crypto library is needed.
 */
final class Tls {

    private Tls() {}

    static void configure(JavalinConfig cfg, ServerConfig config) {
        Path store = config.dataDir().resolve("tls.p12");
        String password = keyStore(store, config.dataDir().resolve("tls.pass"));
        cfg.jetty.addConnector((server, http) -> {
            var ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(store.toString());
            ssl.setKeyStorePassword(password);
            ssl.setKeyStoreType("PKCS12");
            http.addCustomizer(new SecureRequestCustomizer(false));
            var connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(http));
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

    private static String keyStore(Path store, Path passwordFile) {
        try {
            if (Files.exists(store) && Files.exists(passwordFile)) {
                return Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
            }
            String password = Secrets.newToken();
            Files.deleteIfExists(store);
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "breakwater",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650", "-dname", "CN=breakwater",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", password, "-keypass", password)).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool could not create " + store + ": " + output);
            }
            Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
            ownerOnly(store);
            ownerOnly(passwordFile);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the TLS key store " + store, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + store, e);
        }
    }
}
