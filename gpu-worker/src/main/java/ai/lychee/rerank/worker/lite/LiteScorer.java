package ai.lychee.rerank.worker.lite;

import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.protocol.DocumentScore;
import ai.lychee.rerank.worker.InvalidPairException;
import ai.lychee.rerank.worker.Scorer;
import ai.lychee.rerank.worker.ScoringPair;
import ai.lychee.rerank.worker.image.ImageEvidenceExtractor;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The embedded CPU default: bge-small-zh/en v1.5 (quantized ONNX) embed query and document, and their cosine is
 * mapped to a score in [0, 1] by the model's cross-validated monotone calibration ({@link LiteCalibration}).
 * A pair goes to bge-small-zh when its query or document holds CJK text, to bge-small-en otherwise.
 * Pairs with an image on either side are judged by {@link ImagePairScoring} from the image's evidence
 * (OCR, colours, labels, similarity) with this same text judgement; text pairs never pay for it.
 */
@Singleton
@Identifier("lite")
public class LiteScorer implements Scorer {

    public static final String NAME = "lite";

    private final LiteConfig config;
    private final EmbeddingCache documents;
    private final EmbeddingCache queries;
    private final Map<BgeModel, BgeEncoder> encoders = new EnumMap<>(BgeModel.class);
    private volatile LiteCalibration calibration;

    private final ImagePairScoring imagePairs;
    private final LiteTokens tokens;

    @Inject
    public LiteScorer(LiteConfig config, ImageEvidenceExtractor images) {
        this.config = config;
        this.documents = new EmbeddingCache(config.documentCacheSize());
        this.queries = new EmbeddingCache(config.queryCacheSize());
        this.imagePairs = new ImagePairScoring(images, this::textRelevance);
        this.tokens = new LiteTokens(this::encoder, this::route, this::queryAsEmbedded,
                config.documentCacheSize() + config.queryCacheSize());
    }

    /** The scorer outside CDI (tests, eval and benchmark mains): the given configuration and default image settings. */
    public static LiteScorer standalone(LiteConfig config) {
        return new LiteScorer(config, new ImageEvidenceExtractor(ai.lychee.rerank.worker.image.ImageSettings.defaults()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void warmUp() {
        loadModels();
        calibration();
    }

    private synchronized LiteCalibration calibration() {
        if (calibration == null) {
            calibration = LiteCalibration.load();
        }
        return calibration;
    }

    private synchronized void loadModels() {
        if (!encoders.isEmpty()) {
            return;
        }
        // everything ships in jars; never let DJL reach for the network
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // the two models load side by side (ONNX Runtime's graph optimization is single-threaded): start-up is
        // bounded by the slower one instead of their sum
        Map<BgeModel, java.util.concurrent.CompletableFuture<BgeEncoder>> loading = new EnumMap<>(BgeModel.class);
        for (BgeModel m : BgeModel.values()) {
            loading.put(m, java.util.concurrent.CompletableFuture.supplyAsync(() -> loadEncoder(m), LiteScorer::loaderThread));
        }
        Map<BgeModel, BgeEncoder> loaded = new EnumMap<>(BgeModel.class);
        try {
            for (BgeModel m : BgeModel.values()) {
                loaded.put(m, loading.get(m).join());
            }
        } catch (java.util.concurrent.CompletionException e) {
            loading.values().forEach(f -> f.thenAccept(BgeEncoder::close));
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        encoders.putAll(loaded);
    }

    private BgeEncoder loadEncoder(BgeModel m) {
        return new BgeEncoder(m, config.maxTokens(), config.bucketSize(), config.runtime());
    }

    private static void loaderThread(Runnable task) {
        Thread t = new Thread(task, "lite-model-loader");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public List<DocumentScore> score(List<ScoringPair> pairs) {
        List<ScoringPair> batch = tokens.withinBudget(pairs);
        DocumentScore[] scores = new DocumentScore[batch.size()];
        List<Integer> textPairs = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            ScoringPair pair = batch.get(i);
            if (pair.query().hasImage() || pair.document().hasImage()) {
                scores[i] = imagePairs.score(pair, i);
            } else {
                textPairs.add(i);
            }
        }
        if (!textPairs.isEmpty()) {
            LiteCalibration calibration = calibration();
            List<PairCosine> cosines = cosines(textPairs.stream().map(batch::get).toList(),
                    textPairs.stream().mapToInt(Integer::intValue).toArray());
            for (int j = 0; j < textPairs.size(); j++) {
                double score = calibration.score(cosines.get(j).model(), cosines.get(j).cosine());
                scores[textPairs.get(j)] = new DocumentScore(score, Map.of("text", Math.round(score * 10_000) / 10_000.0),
                        List.of(), null);
            }
        }
        return tokens.counted(batch, List.of(scores));
    }

    /** The calibrated text judgement of one (query, text) pair: how image evidence such as OCR text is judged. */
    private double textRelevance(String instruction, String query, String text) {
        PairCosine c = cosines(List.of(new ScoringPair(instruction, Content.text(query), Content.text(text)))).get(0);
        return calibration().score(c.model(), c.cosine());
    }

    /** Each pair's model and cosine before calibration. */
    public List<PairCosine> cosines(List<ScoringPair> batch) {
        return cosines(batch, java.util.stream.IntStream.range(0, batch.size()).toArray());
    }

    /** @param batchIndex each pair's place in the caller's batch, named when its text is missing */
    private List<PairCosine> cosines(List<ScoringPair> batch, int[] batchIndex) {
        loadModels();
        LiteCalibration calibration = calibration();
        int n = batch.size();
        BgeModel[] route = new BgeModel[n];
        String[] queryText = new String[n];
        String[] docText = new String[n];
        for (int i = 0; i < n; i++) {
            ScoringPair p = batch.get(i);
            queryText[i] = textOf(p.query(), batchIndex[i], true);
            docText[i] = textOf(p.document(), batchIndex[i], false);
            route[i] = route(queryText[i], docText[i]);
        }
        float[][] q = new float[n][];
        float[][] d = new float[n][];
        for (BgeModel m : BgeModel.values()) {
            embedRouted(m, route, queryText, docText, q, d);
        }
        List<PairCosine> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new PairCosine(route[i], Vectors.dot(q[i], d[i])));
        }
        return out;
    }

    /** Cache figures, for metrics and benchmarks: document cache size, hits, misses. */
    public long[] documentCacheStats() {
        return new long[] {documents.size(), documents.hits(), documents.misses()};
    }

    /** Query embeddings held now. */
    public int queryCacheSize() {
        return queries.size();
    }

    BgeEncoder encoder(BgeModel m) {
        loadModels();
        return encoders.get(m);
    }

    private BgeModel route(String query, String doc) {
        String r = config.route().toLowerCase(Locale.ROOT);
        if (r.equals("zh")) {
            return BgeModel.ZH;
        }
        if (r.equals("en")) {
            return BgeModel.EN;
        }
        return BgeModel.byScript(query, doc);
    }

    /**
     * Embeds every distinct text of the pairs routed to {@code m} that is not cached yet: queries in their own
     * forward runs, then documents, each in length-sorted buckets. Queries go alone because bge-small-q
     * quantizes activations per tensor: a query embedded beside other texts would drift a little with them,
     * moving every score of its request. With one text per run (bucket-size 1, the default) there is nothing to
     * drift with, and queries and documents are embedded together. Queries get bge's retrieval prefix where the
     * calibration was fitted with it ({@code queryPrefix}).
     */
    private void embedRouted(BgeModel m, BgeModel[] route, String[] queryText, String[] docText,
                             float[][] q, float[][] d) {
        Map<String, float[]> known = new LinkedHashMap<>();
        Map<String, Pending> missingQueries = new LinkedHashMap<>();
        Map<String, Pending> missingDocuments = new LinkedHashMap<>();
        String[] qKey = new String[route.length];
        String[] dKey = new String[route.length];
        for (int i = 0; i < route.length; i++) {
            if (route[i] != m) {
                continue;
            }
            String qt = queryAsEmbedded(m, queryText[i]);
            qKey[i] = lookUp("q:" + EmbeddingCache.key(m, qt), qt, queries, known, missingQueries);
            dKey[i] = lookUp(EmbeddingCache.key(m, docText[i]), docText[i], documents, known, missingDocuments);
        }
        BgeEncoder encoder = encoders.get(m);
        if (encoder.runsEachTextAlone()) {
            // no text shares a forward run, so nothing drifts: queries and documents go in one call, side by side
            missingQueries.putAll(missingDocuments);
            embedMissing(encoder, missingQueries, known);
        } else {
            embedMissing(encoder, missingQueries, known);
            embedMissing(encoder, missingDocuments, known);
        }
        for (int i = 0; i < route.length; i++) {
            if (route[i] == m) {
                q[i] = known.get(qKey[i]);
                d[i] = known.get(dKey[i]);
            }
        }
    }

    /** A query as model {@code m} embeds it: with bge's retrieval prefix where the calibration was fitted with it. */
    private String queryAsEmbedded(BgeModel m, String query) {
        return calibration.queryPrefix(m) ? m.queryInstruction() + query : query;
    }

    private static void embedMissing(BgeEncoder encoder, Map<String, Pending> missing, Map<String, float[]> known) {
        if (missing.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(missing.keySet());
        List<String> texts = new ArrayList<>(keys.size());
        for (String k : keys) {
            texts.add(missing.get(k).text());
        }
        float[][] vectors = encoder.embed(texts);
        for (int k = 0; k < keys.size(); k++) {
            missing.get(keys.get(k)).cache().put(keys.get(k), vectors[k]);
            known.put(keys.get(k), vectors[k]);
        }
    }

    /** A text to embed in this batch and the cache its embedding goes to. */
    private record Pending(String text, EmbeddingCache cache) {
    }

    private static String lookUp(String key, String text, EmbeddingCache cache, Map<String, float[]> known,
                                 Map<String, Pending> missing) {
        if (!known.containsKey(key) && !missing.containsKey(key)) {
            float[] v = cache.get(key);
            if (v != null) {
                known.put(key, v);
            } else {
                missing.put(key, new Pending(text, cache));
            }
        }
        return key;
    }

    private static String textOf(Content c, int index, boolean query) {
        String side = query ? "query" : "document";
        if (c == null || !c.hasText()) {
            throw new InvalidPairException(index, query, side + " of pair " + index + " has neither text nor an image");
        }
        return c.text();
    }
}
