package ai.lychee.rerank.embedded;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped monitoring (infra/monitoring) holds together: Prometheus' own promtool checks the alert rules and runs
 * their unit tests (each alert fires on its sudden move and not on steady traffic), every dashboard query parses as
 * PromQL, and every metric the rules and the dashboard read is one this service really exports.
 * promtool comes from Debian's {@code prometheus} package (scripts/install-test-deps.sh); without it these checks are
 * skipped, except on CI, where they fail.
 */
@QuarkusTest
class MonitoringRulesTest {

    static final Path MONITORING = Path.of("..", "infra", "monitoring");
    static final Path RULES = MONITORING.resolve("lychee-alerts.yml");
    static final Path DASHBOARD = MONITORING.resolve("lychee-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\b(lychee_[a-z0-9_]+|http_server_requests_seconds_[a-z]+)\\b");

    @BeforeAll
    static void needsPromtool() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/promtool"));
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("promtool is missing: run scripts/install-test-deps.sh (Debian's prometheus package)");
        }
        Assumptions.assumeTrue(present, "promtool is not installed (apt-get install prometheus); monitoring checks skipped");
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        assertThat(promtool("check", "rules", RULES.toString())).contains("SUCCESS");
        assertThat(promtool("test", "rules", MONITORING.resolve("lychee-alerts-test.yml").toString())).contains("SUCCESS");
    }

    @Test
    void everyDashboardQueryIsValidPromQl() throws Exception {
        List<String> queries = dashboardQueries();
        assertThat(queries).hasSizeGreaterThan(15);
        StringBuilder asRules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            String concrete = queries.get(i).replace("$__rate_interval", "5m").replace("$model", ".*")
                    .replace("$business_line", ".*").replace("$preset", ".*");
            asRules.append("      - record: dashboard:query_").append(i).append("\n        expr: ")
                    .append(new ObjectMapper().writeValueAsString(concrete)).append('\n');
        }
        Path file = Files.createTempFile("lychee-dashboard-queries", ".yml");
        try {
            Files.writeString(file, asRules);
            assertThat(promtool("check", "rules", file.toString())).contains("SUCCESS: " + queries.size() + " rules found");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void everyMetricTheRulesAndDashboardReadIsExported() throws Exception {
        given().contentType(ContentType.JSON).header("X-Lychee-Business-Line", "shop")
                .body(Map.of("query", "summer sale", "documents", List.of(
                        Map.of("text", "Summer sale: everything half price", "image_base64", TestPictures.text("WINTER COATS", 640, 160)),
                        Map.of("image_base64", TestPictures.solid(new Color(200, 40, 40), 100, 100)), "winter boots")))
                .post("/api/rerank").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("converted", List.of(0.5))).post("/api/feedback").then().statusCode(202);
        given().contentType(ContentType.JSON).body(Map.of("query", "q")).post("/api/rerank").then().statusCode(400);
        Set<String> exported = PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString()).names();

        Set<String> read = new TreeSet<>();
        Matcher m = METRIC.matcher(Files.readString(RULES) + String.join("\n", dashboardQueries()));
        while (m.find()) {
            read.add(m.group(1));
        }
        assertThat(read).contains("lychee_results_total", "lychee_conversions_total", "lychee_request_top_score_percent_sum",
                "lychee_result_score_percent_bucket", "lychee_worker_stage_seconds_bucket");
        assertThat(exported).containsAll(read);
    }

    private static List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> out = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> out.add(t.path("expr").asText())));
        return out;
    }

    private static String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/promtool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
