package ai.lychee.rerank.functions.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fetcher against a real HTTP server on an ephemeral loopback port, and the refusals that guard it. */
class SafeImageFetcherTest {
    private static final String FIELD = "documents[3].image_url";
    private static HttpServer server;
    private static String base;
    private static byte[] photo;

    @BeforeAll
    static void serve() throws IOException {
        photo = Files.readAllBytes(Path.of(System.getProperty("lychee.shared.dir", "../../shared"),
                "eval/image/flickr8k-cn/images/1056338697_4f7d7ce270.jpg"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/photo.jpg", ex -> respond(ex, 200, photo, -1));
        server.createContext("/chunked.jpg", ex -> respond(ex, 200, photo, 0));
        server.createContext("/missing.png", ex -> respond(ex, 404, "not here".getBytes(StandardCharsets.UTF_8), -1));
        server.createContext("/notes.png", ex -> respond(ex, 200, "plain text, not a picture".getBytes(StandardCharsets.UTF_8), -1));
        server.createContext("/logo.svg", ex -> respond(ex, 200,
                "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8), -1));
        server.createContext("/to-photo", ex -> redirect(ex, "/photo.jpg"));
        server.createContext("/to-metadata", ex -> redirect(ex, "http://169.254.169.254/latest/meta-data/"));
        server.createContext("/to-private", ex -> redirect(ex, "http://10.1.2.3/image.jpg"));
        server.createContext("/to-file", ex -> redirect(ex, "file:///etc/passwd"));
        server.createContext("/loop", ex -> redirect(ex, "/loop"));
        server.createContext("/slow.jpg", ex -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(ex, 200, photo, -1);
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    /** Public addresses plus loopback: only so these tests can reach their own server. */
    private static SafeImageFetcher reachingThisMachine(long maxBytes) {
        return new SafeImageFetcher(AddressPolicy.publicOnly().orLoopback(), maxBytes, Duration.ofSeconds(1), 3);
    }

    private static final SafeImageFetcher FETCHER = reachingThisMachine(10 * 1024 * 1024);

    @Test
    void fetchesAnImageWithContentLengthOrChunkedAndThroughARedirect() {
        assertThat(FETCHER.fetch(base + "/photo.jpg", FIELD)).isEqualTo(photo);
        assertThat(FETCHER.fetch(base + "/chunked.jpg", FIELD)).isEqualTo(photo);
        assertThat(FETCHER.fetch(base + "/to-photo", FIELD)).isEqualTo(photo);
    }

    @Test
    void refusesLoopbackByDefault() {
        SafeImageFetcher standard = new SafeImageFetcher(AddressPolicy.publicOnly(), 10_000_000, Duration.ofSeconds(1), 3);
        expect(() -> standard.fetch(base + "/photo.jpg", FIELD), 400, "127.0.0.1");
        expect(() -> standard.fetch("http://localhost:" + server.getAddress().getPort() + "/photo.jpg", FIELD), 400, "loopback");
        expect(() -> standard.fetch("http://[::1]/x.png", FIELD), 400, "loopback");
        expect(() -> standard.fetch("http://0.0.0.0/x.png", FIELD), 400, "0.0.0.0");
    }

    @Test
    void refusesMetadataPrivateAndOtherSchemesAlsoThroughRedirects() {
        expect(() -> FETCHER.fetch("http://169.254.169.254/latest/meta-data/", FIELD), 400, "169.254.169.254");
        expect(() -> FETCHER.fetch(base + "/to-metadata", FIELD), 400, "169.254.169.254");
        expect(() -> FETCHER.fetch(base + "/to-private", FIELD), 400, "10.1.2.3");
        expect(() -> FETCHER.fetch(base + "/to-file", FIELD), 400, "http or https");
        expect(() -> FETCHER.fetch("file:///etc/passwd", FIELD), 400, "http or https");
        expect(() -> FETCHER.fetch("ftp://example.com/a.png", FIELD), 400, "http or https");
        expect(() -> FETCHER.fetch("http://user:pw@example.com/a.png", FIELD), 400, "user name");
        expect(() -> FETCHER.fetch(base + "/loop", FIELD), 422, "redirects more than 3");
    }

    @Test
    void reportsServerFailuresTimeoutsSizeAndType() {
        expect(() -> FETCHER.fetch(base + "/missing.png", FIELD), 422, "HTTP 404");
        expect(() -> FETCHER.fetch(base + "/slow.jpg", FIELD), 422, "within 1000 ms");
        expect(() -> reachingThisMachine(1000).fetch(base + "/photo.jpg", FIELD), 413, "limit is 1000");
        expect(() -> reachingThisMachine(1000).fetch(base + "/chunked.jpg", FIELD), 413, "limit is 1000");
        expect(() -> FETCHER.fetch(base + "/notes.png", FIELD), 415, "not an image");
        expect(() -> FETCHER.fetch(base + "/logo.svg", FIELD), 415, "SVG");
        expect(() -> FETCHER.fetch("http://no-such-host.invalid/a.png", FIELD), 422, "does not resolve");
    }

    @Test
    void decodesBase64PlainAndAsDataUrl() {
        ImageInputs inputs = new ImageInputs(FETCHER, 10 * 1024 * 1024);
        String b64 = Base64.getEncoder().encodeToString(photo);
        assertThat(inputs.read(null, b64, "query").bytes()).isEqualTo(photo);
        assertThat(inputs.read(null, "data:image/jpeg;base64," + b64, "query").type()).isEqualTo(ImageType.JPEG);
        expectInput(() -> inputs.read(null, "@@not base64@@", "documents[0]"), 400, "documents[0].image_base64");
        expectInput(() -> inputs.read(null, "data:image/png,rawbytes", "documents[0]"), 400, "base64");
        expectInput(() -> inputs.read(null, Base64.getEncoder().encodeToString("hello".getBytes()), "documents[1]"), 415,
                "documents[1].image_base64");
        expectInput(() -> new ImageInputs(FETCHER, 1000).read(null, b64, "documents[2]"), 413, "limit is 1000");
        expectInput(() -> inputs.read(base + "/photo.jpg", b64, "documents[4]"), 400, "give one");
    }

    @Test
    void judgesAddresses() throws IOException {
        AddressPolicy policy = AddressPolicy.publicOnly();
        for (String refused : new String[] {"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "255.255.255.255", "224.0.0.1", "::1", "fe80::1", "fd00::1", "fc00::1",
                "::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "::"}) {
            assertThat(policy.allows(InetAddress.getByName(refused))).as(refused).isFalse();
        }
        for (String allowed : new String[] {"8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111"}) {
            assertThat(policy.allows(InetAddress.getByName(allowed))).as(allowed).isTrue();
        }
        AddressPolicy intranet = AddressPolicy.publicAndPrivate();
        assertThat(intranet.allows(InetAddress.getByName("10.0.0.1"))).isTrue();
        assertThat(intranet.allows(InetAddress.getByName("169.254.169.254"))).isFalse();
        assertThat(intranet.allows(InetAddress.getByName("127.0.0.1"))).isFalse();
    }

    private static void expect(ThrowingCallable call, int status, String message) {
        expectInput(call, status, message);
        assertThatThrownBy(call).satisfies(e -> assertThat(((ImageInputException) e).field()).isEqualTo(FIELD));
    }

    private static void expectInput(ThrowingCallable call, int status, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ImageInputException.class,
                e -> assertThat(e.status()).isEqualTo(status)).hasMessageContaining(message);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body, long length)
            throws IOException {
        ex.sendResponseHeaders(status, length < 0 ? body.length : length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }
}
