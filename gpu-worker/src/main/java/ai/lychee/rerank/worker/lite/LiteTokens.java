package ai.lychee.rerank.worker.lite;

import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.protocol.DocumentScore;
import ai.lychee.rerank.protocol.TokenCount;
import ai.lychee.rerank.worker.ScoringPair;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    /** Token counts by {@link EmbeddingCache#key}, least recently used evicted first (about 200 bytes an entry). */
    private final Map<String, Integer> known;

    LiteTokens(Function<BgeModel, BgeEncoder> encoders, BiFunction<String, String, BgeModel> route,
               BiFunction<BgeModel, String, String> queryAsRead, int capacity) {
        this.encoders = encoders;
        this.route = route;
        this.queryAsRead = queryAsRead;
        this.known = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > capacity;
            }
        });
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

    /**
     * The scores with what the model read for each pair. Counts are kept by model and text digest (a candidate pool
     * repeats across requests, and re-tokenizing twenty known passages cost as much as scoring them), and the texts
     * not counted yet are tokenized in one call per model.
     */
    List<DocumentScore> counted(List<ScoringPair> pairs, List<DocumentScore> scores) {
        int n = pairs.size();
        String[] queryKey = new String[n];
        String[] documentKey = new String[n];
        Map<String, Integer> found = new HashMap<>();
        Map<BgeModel, Map<String, String>> missing = new EnumMap<>(BgeModel.class);
        for (int i = 0; i < n; i++) {
            String query = textOf(pairs.get(i).query());
            String document = textOf(pairs.get(i).document());
            BgeModel m = route.apply(query, document);
            queryKey[i] = query.isEmpty() ? null : lookUp(m, queryAsRead.apply(m, query), found, missing);
            documentKey[i] = document.isEmpty() ? null : lookUp(m, document, found, missing);
        }
        missing.forEach((m, texts) -> {
            List<String> keys = new ArrayList<>(texts.keySet());
            int[] counts = encoders.apply(m).tokenCounts(keys.stream().map(texts::get).toList());
            for (int k = 0; k < counts.length; k++) {
                found.put(keys.get(k), counts[k]);
                known.put(keys.get(k), counts[k]);
            }
        });
        List<DocumentScore> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int queryTokens = queryKey[i] == null ? 0 : found.get(queryKey[i]);
            int documentTokens = documentKey[i] == null ? 0 : found.get(documentKey[i]);
            out.add(scores.get(i).withTokens(new TokenCount(queryTokens, documentTokens)));
        }
        return out;
    }

    private String lookUp(BgeModel m, String text, Map<String, Integer> found, Map<BgeModel, Map<String, String>> missing) {
        String key = EmbeddingCache.key(m, text);
        if (!found.containsKey(key)) {
            Integer count = known.get(key);
            if (count != null) {
                found.put(key, count);
            } else {
                missing.computeIfAbsent(m, x -> new LinkedHashMap<>()).put(key, text);
            }
        }
        return key;
    }

    private static String textOf(Content content) {
        return content != null && content.hasText() ? content.text() : "";
    }
}
