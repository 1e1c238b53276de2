package ai.lychee.rerank.functions.http;

/**
 * Which paths are API (answered with problem+json, bounded in body size and concurrency): our own {@code /api/},
 * the Cohere / Jina / vLLM routes {@code /v1/} and {@code /v2/}, and TEI's {@code /rerank} and {@code /info}.
 */
public final class ApiPaths {

    private ApiPaths() {
    }

    /** Routes that take a request body to score (the limits apply to them). */
    public static boolean isScoring(String path) {
        return path != null && (path.startsWith("/api/") || path.startsWith("/v1/") || path.startsWith("/v2/")
                || path.equals("/rerank"));
    }

    /**
     * Every path a program calls rather than a person opens: errors there are problem+json, never a page. The API
     * explorer ({@code /q/swagger-ui}) is a page.
     */
    public static boolean isApi(String path) {
        return isScoring(path) || "/info".equals(path)
                || (path != null && path.startsWith("/q/") && !path.startsWith("/q/swagger-ui"));
    }
}
