package ai.lychee.rerank.worker.lite;

import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.protocol.DocumentScore;
import ai.lychee.rerank.protocol.TokenCount;
import ai.lychee.rerank.worker.ScoringPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The lite model's pairs in tokens: documents cut to a caller's token budget ({@code max_tokens_per_doc}) before
 * they are read, and what each judgement read, counted with the tokenizer of the model the pair is routed to.
 * The query is embedded once (as the model reads it, with bge's query prefix where configured), so it counts as
 * the pair's {@code query} tokens; the document text as its {@code document} tokens. Images are read as evidence
 * (OCR, colours, labels), not as tokens of the text model: an image side counts its text only.
 */
final class LiteTokens {

    private final Function<BgeModel, BgeEncoder> encoders;
    private final BiFunction<String, String, BgeModel> route;
    private final BiFunction<BgeModel, String, String> queryAsRead;

    LiteTokens(Function<BgeModel, BgeEncoder> encoders, BiFunction<String, String, BgeModel> route,
               BiFunction<BgeModel, String, String> queryAsRead) {
        this.encoders = encoders;
        this.route = route;
        this.queryAsRead = queryAsRead;
    }

    /** Each pair with its document text cut to the pair's token budget, if it has one. */
    List<ScoringPair> withinBudget(List<ScoringPair> batch) {
        List<ScoringPair> out = new ArrayList<>(batch.size());
        for (ScoringPair pair : batch) {
            Content document = pair.document();
            Integer budget = pair.maxDocumentTokens();
            if (budget == null || document == null || !document.hasText()) {
                out.add(pair);
                continue;
            }
            BgeEncoder encoder = encoders.apply(route.apply(textOf(pair.query()), document.text()));
            Content cut = new Content(encoder.truncate(document.text(), budget), document.image(), document.imageDigest());
            out.add(new ScoringPair(pair.instruction(), pair.query(), cut, null));
        }
        return out;
    }

    /** The scores with what the model read for each pair (queries tokenized once per model). */
    List<DocumentScore> counted(List<ScoringPair> pairs, List<DocumentScore> scores) {
        Map<String, Integer> queries = new HashMap<>();
        List<DocumentScore> out = new ArrayList<>(scores.size());
        for (int i = 0; i < pairs.size(); i++) {
            ScoringPair pair = pairs.get(i);
            String query = textOf(pair.query());
            String document = textOf(pair.document());
            BgeModel m = route.apply(query, document);
            BgeEncoder encoder = encoders.apply(m);
            int queryTokens = query.isEmpty() ? 0 : queries.computeIfAbsent(m.key() + '\0' + query,
                    k -> encoder.tokenCounts(List.of(queryAsRead.apply(m, query)))[0]);
            int documentTokens = document.isEmpty() ? 0 : encoder.tokenCounts(List.of(document))[0];
            out.add(scores.get(i).withTokens(new TokenCount(queryTokens, documentTokens)));
        }
        return out;
    }

    private static String textOf(Content content) {
        return content != null && content.hasText() ? content.text() : "";
    }
}
