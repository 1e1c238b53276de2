package ai.lychee.rerank.functions.image;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Image servers that answer, but slowly enough to hold a fetch forever if only each read were bounded:
 * one drips its headers a byte at a time, one its body. The fetch must end with a 422 naming the field
 * within the whole-download bound. (The {@code @Timeout} only guards against a hang; it asserts no speed.)
 */
class SlowImageServerTest {

    private static final String FIELD = "documents[0].image_url";
    private static final SafeImageFetcher FETCHER =
            new SafeImageFetcher(AddressPolicy.publicOnly().orLoopback(), 1 << 20, Duration.ofMillis(1500), 3);
    private static ServerSocket server;
    private static final ExecutorService CONNECTIONS = Executors.newCachedThreadPool();

    @BeforeAll
    static void serve() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    CONNECTIONS.submit(() -> drip(socket));
                } catch (IOException e) {
                    return;
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
    }

    /** Reads the request line, then drips an endless head ("/head") or an endless body ("/body"). */
    private static void drip(Socket socket) {
        try (socket) {
            String requestLine = new String(socket.getInputStream().readNBytes(16), StandardCharsets.ISO_8859_1);
            OutputStream out = socket.getOutputStream();
            if (requestLine.contains("/body")) {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n\u00ff\u00d8\u00ff".getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.write("HTTP/1.1 200 OK\r\nX-Drip: ".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();
            for (int i = 0; i < 100_000; i++) {
                out.write('a');
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            // the fetcher hung up: what we want
        }
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        CONNECTIONS.shutdownNow();
    }

    @Test
    @Timeout(30)
    void aHeadDrippedAByteAtATimeEndsAtTheDownloadBound() {
        assertThatThrownBy(() -> FETCHER.fetch("http://127.0.0.1:" + server.getLocalPort() + "/head.jpg", FIELD))
                .isInstanceOfSatisfying(ImageInputException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(422);
                    org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo(FIELD);
                })
                .hasMessageContaining("within 1500 ms");
    }

    @Test
    @Timeout(30)
    void aBodyDrippedAByteAtATimeEndsAtTheDownloadBound() {
        assertThatThrownBy(() -> FETCHER.fetch("http://127.0.0.1:" + server.getLocalPort() + "/body.jpg", FIELD))
                .isInstanceOf(ImageInputException.class)
                .hasMessageContaining("within 1500 ms");
    }
}
