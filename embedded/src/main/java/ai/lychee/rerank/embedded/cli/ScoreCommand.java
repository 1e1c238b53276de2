package ai.lychee.rerank.embedded.cli;

import ai.lychee.rerank.functions.api.ContentInput;
import ai.lychee.rerank.functions.api.ScoreRequest;
import ai.lychee.rerank.functions.api.ScoreResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** {@code lychee score QUERY DOCUMENT} (or -q/-d): one score and its band. */
public class ScoreCommand implements Command {

    private final PrintStream out;

    public ScoreCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public int run(CliArgs args) throws Exception {
        List<String> positional = args.positional();
        String query = args.value("q", "query");
        String document = args.value("d", "document");
        if (query == null && !positional.isEmpty()) {
            query = positional.get(0);
        }
        if (document == null && positional.size() > 1) {
            document = positional.get(1);
        }
        if (document == null && args.value("f", "file") != null) {
            document = InputText.read(args.value("f", "file")).strip();
        }
        if (query == null || document == null) {
            throw new CliException("usage: lychee score QUERY DOCUMENT [-i INSTRUCTION] [--url URL] [--json]");
        }
        ScoreResponse response = ClientChoice.from(args).score(
                new ScoreRequest(ContentInput.ofText(query), ContentInput.ofText(document), args.value("i", "instruction")));
        if (args.flag("json")) {
            out.println(Arc.container().instance(ObjectMapper.class).get().writeValueAsString(response));
        } else {
            out.printf(Locale.ROOT, "%.4f %s%n", response.score(), response.band());
        }
        return 0;
    }
}
