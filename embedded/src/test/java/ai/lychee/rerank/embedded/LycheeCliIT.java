package ai.lychee.rerank.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app as a user runs it: {@code load} prints its URL and serves, the one-shot commands
 * score in-process and against the running service, {@code eval} writes a run file score.py reads.
 */
class LycheeCliIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Path SHARED = Path.of(System.getProperty("lychee.shared.dir", "../../shared"));

    @Test
    void scoreInProcessPrintsScoreAndBand() throws Exception {
        Result result = run(null, "score", "中国的首都是哪里?", "中国的首都是哪个城市");
        assertThat(result.exit).as(result.stderr).isZero();
        String[] parts = result.stdout.strip().split(" ");
        assertThat(Double.parseDouble(parts[0])).isGreaterThan(0.7);
        assertThat(parts[1]).isEqualTo("high");
    }

    @Test
    void rerankReadsDocumentsFromStdinSeparatedByDashes() throws Exception {
        String documents = "上海是中国的经济中心\n---\n北京是中华人民共和国的首都\n---\n广州以早茶闻名\n";
        Result result = run(documents, "rerank", "中国的首都是哪里?", "--json");
        assertThat(result.exit).as(result.stderr).isZero();
        JsonNode json = new ObjectMapper().readTree(result.stdout);
        assertThat(json.path("results")).hasSize(3);
        assertThat(json.path("results").get(0).path("index").asInt()).isEqualTo(1);
    }

    @Test
    void badUsageExitsNonZeroWithAMessage() throws Exception {
        Result missing = run(null, "score", "only a query");
        assertThat(missing.exit).as(missing.stderr).isEqualTo(2);
        assertThat(missing.stderr).contains("usage: lychee score");
        Result badPreset = run(null, "score", "q", "d", "-i", "no-such-preset");
        assertThat(badPreset.exit).as(badPreset.stderr).isEqualTo(2);
        assertThat(badPreset.stderr).contains("instruction").contains("unknown instruction preset");
        Result unknown = run(null, "frobnicate");
        assertThat(unknown.exit).as(unknown.stderr).isEqualTo(2);
        assertThat(unknown.stderr).contains("usage: lychee");
    }

    @Test
    void evalWritesARunFileForEveryTask(@TempDir Path dir) throws Exception {
        Path tasks = dir.resolve("tasks.jsonl");
        List<String> lines = Files.readAllLines(SHARED.resolve("eval/text/kuake-qtr.jsonl"), StandardCharsets.UTF_8).subList(0, 5);
        Files.write(tasks, lines, StandardCharsets.UTF_8);
        Path run = dir.resolve("run.jsonl");
        Result result = run(null, "eval", tasks.toString(), "-o", run.toString());
        assertThat(result.exit).as(result.stderr).isZero();
        assertThat(result.stderr).contains("5/5 tasks");
        ObjectMapper json = new ObjectMapper();
        List<String> runLines = Files.readAllLines(run);
        assertThat(runLines).hasSize(5);
        for (int i = 0; i < 5; i++) {
            JsonNode task = json.readTree(lines.get(i));
            JsonNode scored = json.readTree(runLines.get(i));
            assertThat(scored.path("id").asText()).isEqualTo(task.path("id").asText());
            assertThat(scored.path("scores").size()).isEqualTo(task.path("docs").size());
        }
    }

    @Test
    void loadPrintsItsUrlServesAndStopsCleanly() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process service = new ProcessBuilder(command("load", "--port", Integer.toString(port)))
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8));
            String expected = "Running on local URL: http://localhost:" + port;
            String line;
            List<String> seen = new ArrayList<>();
            while ((line = out.readLine()) != null && !line.contains(expected)) {
                seen.add(line);
            }
            assertThat(line).as(String.join("\n", seen)).isEqualTo(expected);
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/score"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"capital of France\",\"document\":\"Paris is the capital of France.\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"band\"");

            Result remote = run(null, "score", "capital of France", "Paris is the capital of France.",
                    "--url", "http://localhost:" + port);
            assertThat(remote.exit).as(remote.stderr).isZero();
            assertThat(remote.stdout).contains("high");
            new Thread(() -> out.lines().forEach(l -> { })).start();
        } finally {
            service.destroy();
            assertThat(service.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(service.exitValue()).as("SIGTERM is a clean stop").isIn(0, 143);
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dlychee.shared.dir=" + SHARED, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void calibratePrintsCrossValidatedFiguresBesidePlainCosineAndWritesTheCalibration(@TempDir Path dir) throws Exception {
        Path chinese = dir.resolve("kuake-head.jsonl");
        Files.write(chinese, Files.readAllLines(SHARED.resolve("eval/text/kuake-qtr.jsonl"), StandardCharsets.UTF_8).subList(0, 30));
        Path written = dir.resolve("calibration.json");
        Result result = run(null, "calibrate", chinese.toString(), "--folds", "5", "--repeats", "2",
                "--cache", dir.resolve("cache").toString(), "--write", written.toString());
        assertThat(result.exit).as(result.stderr).isZero();
        assertThat(result.stdout).contains("== kuake-head: 30 queries", "bge-small-zh", "plain cosine",
                "cosine, bge query prefix", "grade 0", "grade 3", "== decisions", "en: plain cosine",
                "(no set in this language: kept as shipped)", "wrote " + written);
        List<String> lines = result.stdout.strip().lines().toList();
        assertThat(lines.get(lines.size() - 1)).matches("kuake_head_grade0_low_cv: [0-9.]+");
        assertThat(lines).anyMatch(l -> l.matches("kuake_head_plain_cosine_ndcg10_cv: 0\\.[0-9]{4}"));
        JsonNode calibration = new ObjectMapper().readTree(written.toFile());
        assertThat(calibration.at("/models/zh/knots")).hasSize(4);
        assertThat(calibration.at("/models/zh/fittedOn/kuake-head").asInt()).isPositive();
        assertThat(calibration.at("/models/en/knots")).hasSize(4);
    }

    @Test
    void calibrateRefusesBadInputWithAMessage(@TempDir Path dir) throws Exception {
        Result none = run(null, "calibrate");
        assertThat(none.exit).isEqualTo(2);
        assertThat(none.stderr).contains("usage: lychee calibrate");
        Result missing = run(null, "calibrate", dir.resolve("nope.jsonl").toString());
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.stderr).contains("no such file");
        Result folds = run(null, "calibrate", SHARED.resolve("eval/text/dl19.jsonl").toString(), "--folds", "1");
        assertThat(folds.exit).isEqualTo(2);
        assertThat(folds.stderr).contains("at least 2 folds");
        Result aim = run(null, "calibrate", SHARED.resolve("eval/text/dl19.jsonl").toString(), "--aim-low", "1.5");
        assertThat(aim.exit).isEqualTo(2);
        assertThat(aim.stderr).contains("between 0 and 1");
    }

    @Test
    void mmBenchDryRunsTheReleasedLayoutAndEndsWithOneFigurePerLine(@TempDir Path dir) throws Exception {
        Result result = run(null, "mm-bench", "--config", "3b", "--layers", "1", "--docs", "3", "--image", "56x56",
                "--dir", dir.resolve("3b").toString());
        assertThat(result.exit).as(result.stderr).isZero();
        assertThat(result.stdout).contains("3b layout (hidden 2048, vocabulary 151936, tied head), 1 of 36 decoder layers",
                "image query, 3 text docs", "text query, 3 image docs", "shared/pair-by-pair time");
        assertThat(Files.exists(dir.resolve("3b/model.safetensors.index.json"))).isTrue();
        List<String> lines = result.stdout.strip().lines().toList();
        // it ends with one name: value line per figure, after a blank line
        List<String> figures = lines.subList(lines.lastIndexOf("") + 1, lines.size());
        assertThat(figures).hasSizeGreaterThan(15).allMatch(l -> l.matches("[a-z0-9/ -]+: [0-9.e+-]+"));
        assertThat(figures).anyMatch(l -> l.matches("text-query shared/pair-by-pair: [0-9]+\\.[0-9]{3}"));
        assertThat(lines).anyMatch(l -> l.matches("image-query shared/pair-by-pair: [0-9]+\\.[0-9]{3}"));
        assertThat(lines).anyMatch(l -> l.matches("a10-estimate-3-image-docs-s: [0-9.]+"));
        assertThat(lines).anyMatch(l -> l.matches("load-peak-rss-gib: [0-9.]+"));
        // the two plans scored alike: the figure says by how little
        String difference = lines.stream().filter(l -> l.startsWith("image-query-max-score-difference: ")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(difference.substring(difference.indexOf(':') + 1).trim())).isLessThan(1e-4);
    }

    @Test
    void mmBenchRefusesBadOptionsWithAMessage() throws Exception {
        Result size = run(null, "mm-bench", "--config", "13b");
        assertThat(size.exit).isEqualTo(2);
        assertThat(size.stderr).contains("--config must be 3b or 7b");
        Result layers = run(null, "mm-bench", "--config", "7b", "--layers", "0");
        assertThat(layers.exit).isEqualTo(2);
        assertThat(layers.stderr).contains("--layers must be at least 1");
        Result image = run(null, "mm-bench", "--config", "7b", "--image", "large");
        assertThat(image.exit).isEqualTo(2);
        assertThat(image.stderr).contains("--image takes WIDTHxHEIGHT");
    }

    private static Result run(String stdin, String... args) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("lychee-cli", ".err");
        Process process = new ProcessBuilder(command(args)).redirectError(errors.toFile()).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        var stdout = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String stderr = Files.readString(errors, StandardCharsets.UTF_8);
        Files.delete(errors);
        return new Result(process.exitValue(), new String(stdout, StandardCharsets.UTF_8), stderr);
    }

    private record Result(int exit, String stdout, String stderr) {
    }
}
