package ai.lychee.rerank.functions.share;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Share mode's gate in front of every route (page, assets, API): a request passes only with the token, given as
 * {@code Authorization: Bearer <t>}, as {@code ?token=<t>} (then a cookie is set so the page's own requests pass),
 * or as that cookie. Health checks stay open. Wrong tokens are counted per client address and answered 429 past
 * the limit. The token is never logged: a request that carried it in its query string is rerouted without it, so
 * the access log and everything after this filter see the clean URI.
 */
@ApplicationScoped
public class ShareAccessFilter {

    static final String COOKIE = "lychee_share";
    static final String QUERY_PARAM = "token";
    /** Runs before Quarkus' own filters (CORS is 300) and every route. */
    static final int PRIORITY = 10_000;

    private static final Logger LOG = Logger.getLogger(ShareAccessFilter.class);
    private static final String DECISION = "lychee.share.decision";

    private final ShareConfig config;
    private ShareToken token;
    private FailedAttempts failures;

    ShareAccessFilter(ShareConfig config) {
        this.config = config;
    }

    void register(@Observes Filters filters) {
        String configured = config.token().map(String::strip).orElse("");
        if (configured.isEmpty()) {
            return;
        }
        if (configured.length() < 16) {
            LOG.warn("lychee.share.token is shorter than 16 characters: others on the network may guess it");
        }
        token = new ShareToken(configured);
        failures = new FailedAttempts(config.maxFailures(), config.failureWindow(), Clock.systemUTC());
        filters.register(this::handle, PRIORITY);
        LOG.info("Share mode: every page and API request needs the access token");
    }

    private void handle(RoutingContext rc) {
        Decision decision = rc.get(DECISION);
        if (decision == null) {
            if (ShareResponses.isOpenPath(rc.normalizedPath())) {
                rc.next();
                return;
            }
            HttpServerRequest request = rc.request();
            String fromQuery = queryToken(request.query());
            decision = decide(request, fromQuery);
            if (fromQuery != null) {
                // Drop ?token= before anything else sees the URI (the access log reads it when the response ends),
                // whatever the verdict: a wrong token may be a near miss of the right one.
                rc.put(DECISION, decision);
                rc.reroute(request.method(), request.path() + withoutToken(request.query()));
                return;
            }
        }
        act(rc, decision);
    }

    private Decision decide(HttpServerRequest request, String fromQuery) {
        List<Credential> presented = presented(request, fromQuery);
        if (presented.isEmpty()) {
            return Decision.MISSING;
        }
        String address = clientAddress(request);
        long retryAfter = failures.retryAfterSeconds(address);
        if (retryAfter > 0) {
            return Decision.locked(retryAfter);
        }
        if (presented.stream().noneMatch(this::valid)) {
            failures.recordFailure(address);
            return Decision.WRONG;
        }
        failures.forget(address);
        return fromQuery != null ? Decision.PASS_FROM_LINK : Decision.PASS;
    }

    private void act(RoutingContext rc, Decision decision) {
        switch (decision.verdict()) {
            case PASS -> rc.next();
            case PASS_FROM_LINK -> {
                // Let the browser's next requests (assets, the page's fetch calls) carry the token without the URL.
                rc.response().headers().add(HttpHeaders.SET_COOKIE,
                        COOKIE + "=" + token.cookieValue() + "; Path=/; HttpOnly; SameSite=Strict");
                if (rc.request().method() == HttpMethod.GET && !ShareResponses.isApiPath(rc.normalizedPath())) {
                    // A page opened from the share link: on to the same page without the token in the address bar.
                    rc.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, rc.request().uri()).end();
                } else {
                    rc.next();
                }
            }
            case MISSING -> ShareResponses.unauthorized(rc, false);
            case WRONG -> ShareResponses.unauthorized(rc, true);
            case LOCKED -> ShareResponses.tooManyAttempts(rc, decision.retryAfterSeconds());
        }
    }

    private boolean valid(Credential c) {
        return c.cookie() ? token.matchesCookie(c.value()) : token.matches(c.value());
    }

    private static List<Credential> presented(HttpServerRequest request, String fromQuery) {
        List<Credential> out = new ArrayList<>(3);
        String auth = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            out.add(new Credential(auth.substring(7).strip(), false));
        }
        if (fromQuery != null) {
            out.add(new Credential(fromQuery, false));
        }
        Cookie cookie = request.getCookie(COOKIE);
        if (cookie != null && !cookie.getValue().isEmpty()) {
            out.add(new Credential(cookie.getValue(), true));
        }
        return out;
    }

    static String queryToken(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (QUERY_PARAM.equals(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    /** The query without its {@code token} parameters, as "?a=1&b=2", or "" when nothing is left. */
    static String withoutToken(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (pair.isEmpty() || QUERY_PARAM.equals(name)) {
                continue;
            }
            kept.append(kept.length() == 0 ? "?" : "&").append(pair);
        }
        return kept.toString();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a malformed escape is simply a wrong token
        }
    }

    private static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    private record Credential(String value, boolean cookie) {
    }

    private enum Verdict { PASS, PASS_FROM_LINK, MISSING, WRONG, LOCKED }

    private record Decision(Verdict verdict, long retryAfterSeconds) {
        static final Decision PASS = new Decision(Verdict.PASS, 0);
        static final Decision PASS_FROM_LINK = new Decision(Verdict.PASS_FROM_LINK, 0);
        static final Decision MISSING = new Decision(Verdict.MISSING, 0);
        static final Decision WRONG = new Decision(Verdict.WRONG, 0);

        static Decision locked(long retryAfterSeconds) {
            return new Decision(Verdict.LOCKED, retryAfterSeconds);
        }
    }
}
