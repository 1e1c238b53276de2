package ai.lychee.rerank.functions.share;

import ai.lychee.rerank.functions.http.ApiPaths;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The answers share mode gives instead of the page or API: 401 and 429, as problem+json or, for a browser, a page. */
final class ShareResponses {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String TOKEN_PAGE = loadTokenPage();

    private ShareResponses() {
    }

    /** Health checks stay open so orchestrators and the launcher can probe a shared service. */
    static boolean isOpenPath(String path) {
        return path != null && (path.equals("/q/health") || path.startsWith("/q/health/"));
    }

    static boolean isApiPath(String path) {
        return ApiPaths.isApi(path);
    }

    static void unauthorized(RoutingContext rc, boolean wrongToken) {
        rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"lychee\"");
        String detail = wrongToken
                ? "The access token is wrong."
                : "This service is shared with an access token: send Authorization: Bearer <token>,"
                        + " or open the share link (it ends in ?token=...).";
        if (wantsPage(rc)) {
            rc.response().setStatusCode(401)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(TOKEN_PAGE.replace("{{wrong}}", wrongToken ? "wrong" : ""));
            return;
        }
        problem(rc, 401, "Unauthorized", "unauthorized", detail);
    }

    static void tooManyAttempts(RoutingContext rc, long retryAfterSeconds) {
        rc.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        problem(rc, 429, "Too Many Requests", "too-many-requests",
                "Too many wrong access tokens from this address; try again in " + retryAfterSeconds + " s.");
    }

    private static void problem(RoutingContext rc, int status, String title, String slug, String detail) {
        JsonObject body = new JsonObject()
                .put("type", "https://lychee.ai/problems/" + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        rc.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body.encode());
    }

    private static boolean wantsPage(RoutingContext rc) {
        if (isApiPath(rc.normalizedPath())) {
            return false;
        }
        String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }

    private static String loadTokenPage() {
        try (InputStream in = ShareResponses.class.getResourceAsStream("/lychee/share/token-required.html")) {
            if (in == null) {
                return "<!doctype html><title>401</title><p>Access token required.</p>";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
