package ai.lychee.rerank.functions.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Maps what a caller names as its business line onto the configured set ({@link MetricsConfig#businessLines()}). */
@ApplicationScoped
public class BusinessLines {

    public static final String NONE = "none";
    public static final String OTHER = "other";
    /** The header that labels requests whose body cannot carry {@code business_line} (Cohere, Jina, TEI clients). */
    public static final String HEADER = "X-Lychee-Business-Line";

    private final Set<String> known;

    @jakarta.inject.Inject
    public BusinessLines(MetricsConfig config) {
        this(config.businessLines().orElse(List.of()));
    }

    /** Outside CDI (tests, mains): these names, nothing else. */
    public BusinessLines(List<String> names) {
        this.known = names.stream()
                .map(BusinessLines::normalized)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The label value for what a request named (null or blank: none). */
    public String label(String named) {
        if (named == null || named.isBlank()) {
            return NONE;
        }
        String name = normalized(named);
        return known.contains(name) ? name : OTHER;
    }

    private static String normalized(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
