package ai.lychee.rerank.functions.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Downloads an {@code image_url} without letting it reach the service's own network: http and https only; the
 * host is resolved here and every address it resolves to is checked by the {@link AddressPolicy}; the connection
 * goes to the address that was checked (so a second DNS answer cannot differ, "DNS rebinding"); redirects are
 * followed by hand and each target is checked the same way. Size and total time are bounded. HTTP/1.1 is spoken
 * directly because the JDK clients cannot be told which address to connect to.
 */
public class SafeImageFetcher {
    private static final int MAX_HEADER_BYTES = 32 * 1024;

    private final AddressPolicy policy;
    private final long maxBytes;
    private final Duration timeout;
    private final int maxRedirects;

    public SafeImageFetcher(AddressPolicy policy, long maxBytes, Duration timeout, int maxRedirects) {
        this.policy = policy;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.maxRedirects = maxRedirects;
    }

    /**
     * The bytes at {@code url}, checked to be an accepted image type.
     *
     * @throws ImageInputException naming {@code field}: 400 forbidden URL, 413 too large, 415 not an image,
     *                             422 the server failed, did not answer in time, or redirected too often
     */
    public byte[] fetch(String url, String field) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = parse(url, field);
        for (int redirect = 0; redirect <= maxRedirects; redirect++) {
            Response response = get(uri, deadline, field);
            if (response.status >= 300 && response.status < 400 && response.location != null) {
                try {
                    uri = parse(uri.resolve(response.location.trim()).toString(), field);
                } catch (IllegalArgumentException e) {
                    throw new ImageInputException(422, field, field + " redirects to an invalid URL");
                }
                continue;
            }
            if (response.status != 200) {
                throw new ImageInputException(422, field, field + " answered HTTP " + response.status
                        + " from " + uri.getHost());
            }
            ImageType.sniff(response.body, field);
            return response.body;
        }
        throw new ImageInputException(422, field, field + " redirects more than " + maxRedirects + " times");
    }

    private static URI parse(String url, String field) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new ImageInputException(400, field, field + " is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ImageInputException(400, field, field + " must be an http or https URL, not '"
                    + (scheme.isEmpty() ? url : scheme + ":") + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new ImageInputException(400, field, field + " has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ImageInputException(400, field, field + " must not carry a user name or password");
        }
        return uri;
    }

    private Response get(URI uri, long deadline, String field) {
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        String host = uri.getHost();
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        InetAddress address = checkedAddress(bareHost, deadline, field);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), remainingMillis(deadline, field));
            Socket channel = socket;
            if (https) {
                SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, bareHost, port, true);
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
                if (!bareHost.contains(":") && !Character.isDigit(bareHost.charAt(bareHost.length() - 1))) {
                    params.setServerNames(List.of(new SNIHostName(IDN.toASCII(bareHost))));
                }
                tls.setSSLParameters(params);
                tls.setSoTimeout(remainingMillis(deadline, field));
                tls.startHandshake();
                channel = tls;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
            String hostHeader = uri.getPort() > 0 ? host + ":" + uri.getPort() : host;
            OutputStream out = channel.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + IDN.toASCII(hostHeader) + "\r\n"
                    + "User-Agent: lychee-rerank\r\nAccept: image/*\r\nAccept-Encoding: identity\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(channel, deadline, field);
        } catch (SocketTimeoutException e) {
            throw timedOut(field);
        } catch (IOException e) {
            throw new ImageInputException(422, field, field + " could not be downloaded from " + host + ": "
                    + e.getMessage());
        }
    }

    /** Resolves the host (bounded by the deadline) and returns an address only if every answer is allowed. */
    private InetAddress checkedAddress(String host, long deadline, String field) {
        InetAddress[] addresses;
        try {
            addresses = CompletableFuture.supplyAsync(() -> {
                try {
                    return InetAddress.getAllByName(host);
                } catch (UnknownHostException e) {
                    return new InetAddress[0];
                }
            }).get(remainingMillis(deadline, field), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw timedOut(field);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw timedOut(field);
        } catch (ExecutionException e) {
            addresses = new InetAddress[0];
        }
        if (addresses.length == 0) {
            throw new ImageInputException(422, field, field + " names a host that does not resolve: " + host);
        }
        for (InetAddress a : addresses) {
            if (!policy.allows(a)) {
                throw new ImageInputException(400, field, field + " leads to " + a.getHostAddress()
                        + ", a loopback, link-local, private or reserved address; only public addresses are fetched");
            }
        }
        return addresses[0];
    }

    private Response read(Socket socket, long deadline, String field) throws IOException {
        InputStream in = socket.getInputStream();
        socket.setSoTimeout(remainingMillis(deadline, field));
        String statusLine = readLine(in, socket, deadline, field);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new ImageInputException(422, field, field + " did not answer HTTP");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new ImageInputException(422, field, field + " answered a malformed status line");
        }
        Map<String, String> headers = new HashMap<>();
        int headerBytes = 0;
        for (String line = readLine(in, socket, deadline, field); !line.isEmpty();
                line = readLine(in, socket, deadline, field)) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new ImageInputException(422, field, field + " answered oversized headers");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        if (status != 200) {
            return new Response(status, headers.get("location"), new byte[0]);
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = readChunked(in, socket, deadline, field);
        } else if (headers.containsKey("content-length")) {
            long length;
            try {
                length = Long.parseLong(headers.get("content-length"));
            } catch (NumberFormatException e) {
                throw new ImageInputException(422, field, field + " answered a malformed Content-Length");
            }
            if (length > maxBytes) {
                throw tooLarge(field, length);
            }
            body = readUpTo(in, socket, deadline, field, length, true);
        } else {
            body = readUpTo(in, socket, deadline, field, maxBytes + 1, false);
        }
        return new Response(status, null, body);
    }

    private byte[] readChunked(InputStream in, Socket socket, long deadline, String field) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, socket, deadline, field);
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            } catch (NumberFormatException e) {
                throw new ImageInputException(422, field, field + " answered malformed chunked data");
            }
            if (size == 0) {
                return out.toByteArray();
            }
            if (out.size() + size > maxBytes) {
                throw tooLarge(field, out.size() + size);
            }
            out.write(readUpTo(in, socket, deadline, field, size, true));
            readLine(in, socket, deadline, field);
        }
    }

    /** Reads {@code limit} bytes (exactly, or until the stream ends when not exact), refreshing the time bound. */
    private byte[] readUpTo(InputStream in, Socket socket, long deadline, String field, long limit, boolean exact)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        while (out.size() < limit) {
            socket.setSoTimeout(remainingMillis(deadline, field));
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - out.size()));
            if (n < 0) {
                if (exact) {
                    throw new ImageInputException(422, field, field + " ended before the promised length");
                }
                break;
            }
            out.write(buffer, 0, n);
            if (out.size() > maxBytes) {
                throw tooLarge(field, out.size());
            }
        }
        return out.toByteArray();
    }

    /**
     * One line of the answer's head. The time bound is refreshed before every byte: a server that drips its
     * headers a byte at a time (slow loris) would otherwise keep each read just inside the socket timeout
     * and the download alive far past {@code lychee.image.fetch.timeout}.
     */
    private String readLine(InputStream in, Socket socket, long deadline, String field) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = nextByte(in, socket, deadline, field); c != '\n'; c = nextByte(in, socket, deadline, field)) {
            if (c < 0) {
                throw new ImageInputException(422, field, field + " closed the connection mid-answer");
            }
            if (line.length() > MAX_HEADER_BYTES) {
                throw new ImageInputException(422, field, field + " answered an oversized line");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private int nextByte(InputStream in, Socket socket, long deadline, String field) throws IOException {
        socket.setSoTimeout(remainingMillis(deadline, field));
        return in.read();
    }

    private int remainingMillis(long deadline, String field) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw timedOut(field);
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private ImageInputException timedOut(String field) {
        return new ImageInputException(422, field, field + " did not deliver an image within "
                + timeout.toMillis() + " ms (lychee.image.fetch.timeout)");
    }

    private ImageInputException tooLarge(String field, long bytes) {
        return new ImageInputException(413, field, field + " is " + bytes + " bytes or more; the limit is "
                + maxBytes + " (lychee.image.fetch.max-bytes)");
    }

    private record Response(int status, String location, byte[] body) {
    }
}
