package org.opendialer.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.net.SelfSignedCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.server.DialerServer;

/** api.tls from a configuration file: the same port speaks HTTPS with the configured PEM pair. */
class ApiTlsTest {

    @TempDir
    Path tmp;

    @Test
    void servesHttpsWithConfiguredPemFiles() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
        Path conf = tmp.resolve("tls.yaml");
        Files.writeString(conf, """
                api:
                  bindAddress: localhost
                  port: 0
                  tls:
                    enabled: true
                    certFile: %s
                    keyFile: %s
                database:
                  embedded:
                    dataDir: %s
                """.formatted(cert.certificatePath(), cert.privateKeyPath(), tmp.resolve("pg")));
        try (DialerServer server = DialerServer.start(new ConfigLoader().load(conf, Map.of("DIALER_SIP_PORT", "0")), Map.of())) {
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[] {new X509TrustManager() {
                @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
                @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
                @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            }}, null);
            // The self-signed certificate names localhost (CN only, which the JDK accepts for host names).
            HttpClient client = HttpClient.newBuilder().sslContext(trustAll).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + server.apiPort() + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.sslSession()).isPresent();
        } finally {
            cert.delete();
        }
    }
}
