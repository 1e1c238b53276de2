package ai.lychee.rerank.functions;

import ai.lychee.rerank.functions.api.ContentInput;
import ai.lychee.rerank.functions.api.RerankResult;
import ai.lychee.rerank.functions.cache.CacheKey;
import ai.lychee.rerank.functions.cache.ContentDigest;
import ai.lychee.rerank.functions.cache.HotQueryCache;
import ai.lychee.rerank.functions.dispatch.ScoreDispatcher;
import ai.lychee.rerank.functions.dispatch.WorkerFailedException;
import ai.lychee.rerank.functions.validation.InvalidRequestException;
import ai.lychee.rerank.functions.validation.ValidatedRerank;
import ai.lychee.rerank.protocol.Band;
import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.protocol.DocumentScore;
import ai.lychee.rerank.protocol.ScoreReply;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.List;

/**
 * Scores a validated request: answers what it can from the hot-query cache, sends the rest to the
 * worker as one job, fills the cache with the replies, and returns the results sorted, best first.
 */
@ApplicationScoped
public class DocumentScoring {

    private final HotQueryCache cache;
    private final ScoreDispatcher dispatcher;
    private final ModelConfig model;

    public DocumentScoring(HotQueryCache cache, ScoreDispatcher dispatcher, ModelConfig model) {
        this.cache = cache;
        this.dispatcher = dispatcher;
        this.model = model;
    }

    /**
     * @param echoed the documents as sent, returned in results when asked for (null: never)
     */
    public Uni<List<RerankResult>> scoreSorted(ValidatedRerank request, List<ContentInput> echoed) {
        List<Content> documents = request.documents();
        String instructionDigest = ContentDigest.of(request.instruction());
        String queryDigest = ContentDigest.of(request.query());
        CacheKey[] keys = new CacheKey[documents.size()];
        for (int i = 0; i < documents.size(); i++) {
            keys[i] = new CacheKey(model.model(), instructionDigest, queryDigest, ContentDigest.of(documents.get(i)));
        }
        return cache.getAll(Arrays.asList(keys)).flatMap(cached -> {
            DocumentScore[] scores = cached.toArray(new DocumentScore[0]);
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] == null) {
                    missing.add(i);
                }
            }
            if (missing.isEmpty()) {
                return Uni.createFrom().item(sorted(scores, request, echoed));
            }
            List<Content> toScore = missing.stream().map(documents::get).toList();
            return dispatcher.dispatch(request.instruction(), request.query(), toScore).map(reply -> {
                List<DocumentScore> computed = checked(reply, missing);
                Map<CacheKey, DocumentScore> fresh = new HashMap<>();
                for (int j = 0; j < missing.size(); j++) {
                    int index = missing.get(j);
                    scores[index] = computed.get(j);
                    fresh.put(keys[index], scores[index]);
                }
                cache.putAll(fresh);
                return sorted(scores, request, echoed);
            });
        });
    }

    /** Turns a failed reply into the caller's error, naming the document by its index in the request. */
    private static List<DocumentScore> checked(ScoreReply reply, List<Integer> missing) {
        if (reply.succeeded()) {
            if (reply.scores() == null || reply.scores().size() != missing.size()) {
                throw new WorkerFailedException(502, "the worker answered " + (reply.scores() == null ? 0 : reply.scores().size())
                        + " scores for " + missing.size() + " documents");
            }
            return reply.scores();
        }
        int status = reply.errorStatus() == null ? 502 : reply.errorStatus();
        if (status >= 500) {
            throw new WorkerFailedException(status, "the worker failed: " + reply.error());
        }
        String field = "documents";
        if (reply.errorIndex() != null) {
            field = reply.errorIndex() < 0 ? "query" : "documents[" + missing.get(reply.errorIndex()) + "]";
        }
        throw new InvalidRequestException(status, field, field + ": " + reply.error());
    }

    private static List<RerankResult> sorted(DocumentScore[] scores, ValidatedRerank request, List<ContentInput> echoed) {
        List<RerankResult> results = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            DocumentScore s = scores[i];
            ContentInput document = request.returnDocuments() && echoed != null ? echoed.get(i) : null;
            results.add(new RerankResult(i, s.score(), Band.of(s.score()).label(), document,
                    s.subScores(), s.flags(), s.consistency()));
        }
        // Stable sort: equal scores keep request order.
        results.sort(Comparator.comparingDouble(RerankResult::score).reversed());
        return List.copyOf(results.subList(0, request.topN()));
    }
}
