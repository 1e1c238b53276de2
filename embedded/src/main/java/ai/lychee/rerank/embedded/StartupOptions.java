package ai.lychee.rerank.embedded;

import ai.lychee.rerank.embedded.cli.CliArgs;
import ai.lychee.rerank.embedded.cli.CliException;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/** Turns the command line into the Quarkus settings it implies, before Quarkus starts. */
final class StartupOptions {

    static final List<String> FLAGS = List.of("json", "help", "images");

    private StartupOptions() {
    }

    static void forServer(String command, List<String> args) {
        CliArgs parsed = CliArgs.parse(args, FLAGS);
        int port = parsed.intValue("port", Integer.getInteger("quarkus.http.port", 7860));
        if (port < 1 || port > 65535) {
            throw new CliException("--port must be between 1 and 65535 (got " + port + ")");
        }
        System.setProperty("quarkus.http.port", Integer.toString(port));
        if (command.equals("share")) {
            System.setProperty("quarkus.http.host", parsed.value("host") != null ? parsed.value("host") : "0.0.0.0");
            String token = parsed.value("token");
            if (token == null) {
                token = System.getenv("LYCHEE_SHARE_TOKEN");
            }
            if (token == null || token.isBlank()) {
                token = newToken();
            } else if (token.length() < 16) {
                throw new CliException("--token must be at least 16 characters");
            }
            System.setProperty("lychee.share.token", token);
        } else if (parsed.value("host") != null) {
            System.setProperty("quarkus.http.host", parsed.value("host"));
        }
    }

    /** One-shot commands serve nobody: a free port keeps them clear of a running service, and logs go to stderr. */
    static void forOneShot(String command, List<String> args) {
        CliArgs.parse(args, FLAGS);
        if (command.equals("bench")) {
            // bench measures requests to this JVM over HTTP
            System.setProperty("quarkus.http.port", Integer.toString(freePort()));
            System.setProperty("quarkus.http.host", "localhost");
        } else {
            // score, rerank and eval call the functions in-process: no socket, so no port to find or to lose to
            // another process between finding it and binding it
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        System.setProperty("quarkus.log.console.stderr", "true");
        if (System.getProperty("quarkus.log.level") == null) {
            System.setProperty("quarkus.log.level", "WARN");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new CliException("no free local port: " + e.getMessage());
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
