package ai.lychee.rerank.embedded.cli;

import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.api.RerankResponse;
import ai.lychee.rerank.functions.api.RerankResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.Arc;
import java.io.BufferedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lychee eval TASKS.jsonl -o RUN.jsonl}: reranks every task of an evaluation set and writes the
 * run file that ../shared/eval/score.py reads ({@code {"id", "scores": {doc id: score}}} per line).
 */
public class EvalCommand implements Command {

    private final PrintStream err;

    public EvalCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public int run(CliArgs args) throws Exception {
        if (args.positional().isEmpty() || args.value("o", "output") == null) {
            throw new CliException("usage: lychee eval TASKS.jsonl -o RUN.jsonl [--limit N] [-i INSTRUCTION] [--url URL]");
        }
        Path tasksFile = Path.of(args.positional().get(0));
        if (!Files.isRegularFile(tasksFile)) {
            throw new CliException("no such file: " + tasksFile);
        }
        Path output = Path.of(args.value("o", "output"));
        ObjectMapper json = Arc.container().instance(ObjectMapper.class).get();
        List<String> lines = Files.readAllLines(tasksFile, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        int limit = args.intValue("limit", lines.size());
        List<String> selected = lines.subList(0, Math.min(limit, lines.size()));
        Path folder = tasksFile.toAbsolutePath().getParent();
        RerankClient client = ClientChoice.from(args);
        ProgressBar progress = new ProgressBar(err, selected.size());
        if (output.toAbsolutePath().getParent() != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        try (BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            int done = 0;
            for (String line : selected) {
                EvalTask task = EvalTask.from(json.readTree(line), folder);
                writer.write(json.writeValueAsString(runLine(json, task, client, args.value("i", "instruction"))));
                writer.newLine();
                progress.show(++done);
            }
        }
        err.println("wrote " + selected.size() + " tasks to " + output);
        return 0;
    }

    private static ObjectNode runLine(ObjectMapper json, EvalTask task, RerankClient client, String instruction) {
        ObjectNode scores = json.createObjectNode();
        // The service caps a request's documents; a larger task is sent in slices of the cap.
        int slice = 100;
        List<RerankResult> all = new ArrayList<>();
        for (int from = 0; from < task.documents().size(); from += slice) {
            int to = Math.min(from + slice, task.documents().size());
            RerankResponse response = client.rerank(new RerankRequest(task.query(), task.documents().subList(from, to),
                    instruction, null, false));
            for (RerankResult r : response.results()) {
                all.add(new RerankResult(r.index() + from, r.score(), r.band(), null, null, null, null));
            }
        }
        for (RerankResult result : all) {
            scores.put(task.documentIds().get(result.index()), result.score());
        }
        ObjectNode line = json.createObjectNode();
        line.put("id", task.id());
        line.set("scores", scores);
        return line;
    }
}
