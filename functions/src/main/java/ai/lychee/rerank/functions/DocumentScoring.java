package ai.lychee.rerank.functions;

import ai.lychee.rerank.functions.api.ContentInput;
import ai.lychee.rerank.functions.api.RerankResult;
import ai.lychee.rerank.functions.cache.CacheKey;
import ai.lychee.rerank.functions.cache.ContentDigest;
import ai.lychee.rerank.functions.cache.HotQueryCache;
import ai.lychee.rerank.functions.dispatch.ScoreDispatcher;
import ai.lychee.rerank.functions.dispatch.WorkerFailedException;
import ai.lychee.rerank.functions.metrics.RankingMetrics;
import ai.lychee.rerank.functions.metrics.StageTimers;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a validated request: answers what it can from the hot-query cache, sends the rest to the
 * worker as one job, fills the cache with the replies, and returns the results sorted, best first,
 * with the tokens the model read. Every ranked request is recorded in the quality metrics.
 */
@ApplicationScoped
public class DocumentScoring {

    private final HotQueryCache cache;
    private final ScoreDispatcher dispatcher;
    private final ModelConfig model;
    private final RankingMetrics metrics;
    private final StageTimers stages;

    public DocumentScoring(HotQueryCache cache, ScoreDispatcher dispatcher, ModelConfig model, RankingMetrics metrics,
                           StageTimers stages) {
        this.cache = cache;
        this.dispatcher = dispatcher;
        this.model = model;
        this.metrics = metrics;
        this.stages = stages;
    }

    /**
     * @param echoed the documents as sent, returned in results when asked for (null: never)
     */
    public Uni<Ranking> scoreSorted(ValidatedRerank request, List<ContentInput> echoed) {
        List<Content> documents = request.documents();
        String instructionDigest = ContentDigest.of(request.instruction());
        String queryDigest = ContentDigest.of(request.query());
        // a token budget changes what the model reads, so it is part of what a cached score depends on
        String budget = request.maxDocumentTokens() == null ? "" : ":t" + request.maxDocumentTokens();
        CacheKey[] keys = new CacheKey[documents.size()];
        for (int i = 0; i < documents.size(); i++) {
            keys[i] = new CacheKey(model.model(), instructionDigest, queryDigest, ContentDigest.of(documents.get(i)) + budget);
        }
        long lookUp = System.nanoTime();
        return cache.getAll(Arrays.asList(keys)).flatMap(cached -> {
            stages.since(StageTimers.CACHE, lookUp);
            DocumentScore[] scores = cached.toArray(new DocumentScore[0]);
            List<DocumentScore> fromCache = Arrays.stream(scores).filter(s -> s != null).toList();
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] == null) {
                    missing.add(i);
                }
            }
            if (missing.isEmpty()) {
                return Uni.createFrom().item(ranked(scores, request, echoed, List.of(), fromCache));
            }
            List<Content> toScore = missing.stream().map(documents::get).toList();
            long sent = System.nanoTime();
            return dispatcher.dispatch(request.instruction(), request.query(), toScore, request.maxDocumentTokens())
                    .map(reply -> {
                        stages.since(StageTimers.WORKER, sent);
                        List<DocumentScore> computed = checked(reply, missing);
                        Map<CacheKey, DocumentScore> fresh = new HashMap<>();
                        for (int j = 0; j < missing.size(); j++) {
                            int index = missing.get(j);
                            scores[index] = computed.get(j);
                            fresh.put(keys[index], scores[index]);
                        }
                        cache.putAll(fresh);
                        return ranked(scores, request, echoed, computed, fromCache);
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

    private Ranking ranked(DocumentScore[] scores, ValidatedRerank request, List<ContentInput> echoed,
                           List<DocumentScore> scoredNow, List<DocumentScore> fromCache) {
        metrics.record(request.labels(), Arrays.asList(scores));
        return new Ranking(sorted(scores, request, echoed), ReadTokens.of(scoredNow, fromCache));
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
