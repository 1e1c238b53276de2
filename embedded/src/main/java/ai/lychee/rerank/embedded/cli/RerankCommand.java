package ai.lychee.rerank.embedded.cli;

import ai.lychee.rerank.functions.api.ContentInput;
import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.api.RerankResponse;
import ai.lychee.rerank.functions.api.RerankResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code lychee rerank QUERY [FILE|-]}: documents come from {@code -d} options, a file, or stdin,
 * separated by lines of {@code ---}; prints them ranked.
 */
public class RerankCommand implements Command {

    private final PrintStream out;

    public RerankCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public int run(CliArgs args) throws Exception {
        List<String> positional = new ArrayList<>(args.positional());
        String query = args.value("q", "query");
        if (query == null && !positional.isEmpty()) {
            query = positional.remove(0);
        }
        if (query == null) {
            throw new CliException("usage: lychee rerank QUERY [FILE|-] [-d DOC]... [--top-n N] [-i INSTRUCTION] [--url URL] [--json]");
        }
        List<String> documents = new ArrayList<>(args.values("d", "document"));
        String file = args.value("f", "file");
        if (file == null && !positional.isEmpty()) {
            file = positional.get(0);
        }
        if (file == null && documents.isEmpty()) {
            file = "-";
        }
        if (file != null) {
            documents.addAll(DocumentSplitter.split(InputText.read(file)));
        }
        if (documents.isEmpty()) {
            throw new CliException("no documents: give -d TEXT, a file, or stdin, with documents separated by lines of ---");
        }
        Integer topN = args.value("top-n", "n") == null ? null : args.intValue(args.value("top-n") != null ? "top-n" : "n", 0);
        RerankResponse response = ClientChoice.from(args).rerank(new RerankRequest(ContentInput.ofText(query),
                documents.stream().map(ContentInput::ofText).toList(), args.value("i", "instruction"), topN, false));
        if (args.flag("json")) {
            out.println(Arc.container().instance(ObjectMapper.class).get().writeValueAsString(response));
            return 0;
        }
        int rank = 1;
        for (RerankResult result : response.results()) {
            out.printf(Locale.ROOT, "%2d  %.4f  %-6s  #%d  %s%n", rank++, result.score(), result.band(), result.index(),
                    summary(documents.get(result.index())));
        }
        return 0;
    }

    private static String summary(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 70 ? oneLine : oneLine.substring(0, 69) + "…";
    }
}
