// A Java 11+ client calling an mTLS API with the PKCS#12 file `npm run pki -- export <client> --p12` wrote,
// through the JDK's own HttpClient and JSSE (KeyStore "PKCS12"): what a client team's Java service does.
// Run it with the JDK's single-file launcher, the PKCS#12 password in P12_PASSWORD (never on the command line):
//
//   echo "partner-a.p12 truststore.pem https://127.0.0.1:8443/hello" | P12_PASSWORD=... java HandoverClient.java
//
// One request per line of stdin: "<client.p12> <server CA PEM, or - for Java's default trust> <url>", and one
// line of output per request: "<HTTP status> <body>" or "error <exception>: <message>". Several lines share one
// JVM start (the tests send them all to one process).
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

public class HandoverClient {
  public static void main(String[] args) throws Exception {
    String password = System.getenv("P12_PASSWORD");
    if (password == null) {
      System.err.println("set P12_PASSWORD to the PKCS#12 file's password");
      System.exit(2);
    }
    BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = requests.readLine()) != null; ) {
      if (line.isBlank()) continue;
      String[] fields = line.trim().split("\\s+");
      try {
        System.out.println(call(fields[0], password.toCharArray(), fields[1], fields[2]));
      } catch (Exception error) {
        System.out.println(("error " + error).replace('\n', ' '));
      }
      System.out.flush();
    }
  }

  static String call(String p12, char[] password, String trust, String url) throws Exception {
    // The client's key and certificate chain, straight from the PKCS#12 file.
    KeyStore identity = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(p12)) {
      identity.load(in, password);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(identity, password);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), trustManagers(trust), null);
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(tls)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body().replace('\n', ' ');
  }

  /** The CAs to trust for the server: a PEM file (a private CA, as the proving ground's), or - for cacerts. */
  static javax.net.ssl.TrustManager[] trustManagers(String trust) throws Exception {
    if (trust.equals("-")) return null;
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    int index = 0;
    try (InputStream in = new FileInputStream(trust)) {
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        anchors.setCertificateEntry("ca-" + index++, certificate);
      }
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(anchors);
    return factory.getTrustManagers();
  }
}
