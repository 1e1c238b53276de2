package ai.lychee.rerank.worker.lite.calibration;

import ai.lychee.rerank.worker.lite.BgeEncoder;
import ai.lychee.rerank.worker.lite.BgeModel;
import ai.lychee.rerank.worker.lite.EvalTasks;
import ai.lychee.rerank.worker.lite.LiteConfig;
import ai.lychee.rerank.worker.lite.Vectors;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the raw inputs of each judged pair with encoders built as the scorer builds them (same models, same
 * settings, one text per forward run), so a pair's cosine here is the cosine the scorer calibrates.
 */
final class PairInputExtractor implements AutoCloseable {

    private final LiteConfig config;
    private final Map<BgeModel, BgeEncoder> encoders = new EnumMap<>(BgeModel.class);
    private final Map<BgeModel, float[][]> references = new EnumMap<>(BgeModel.class);

    PairInputExtractor(LiteConfig config) {
        this.config = config;
    }

    List<LabelledPair> pairs(EvalTasks.Task task) {
        List<EvalTasks.Doc> docs = task.docs();
        BgeModel[] route = new BgeModel[docs.size()];
        float[][] docVectors = new float[docs.size()][];
        Map<BgeModel, float[][]> queryVectors = new EnumMap<>(BgeModel.class);
        for (BgeModel m : BgeModel.values()) {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < docs.size(); i++) {
                route[i] = BgeModel.byScript(task.query(), docs.get(i).text());
                if (route[i] == m) {
                    mine.add(i);
                }
            }
            if (mine.isEmpty()) {
                continue;
            }
            List<String> texts = new ArrayList<>(List.of(task.query(), m.queryInstruction() + task.query()));
            mine.forEach(i -> texts.add(docs.get(i).text()));
            float[][] vectors = encoder(m).embed(texts);
            queryVectors.put(m, new float[][] {vectors[0], vectors[1]});
            for (int j = 0; j < mine.size(); j++) {
                docVectors[mine.get(j)] = vectors[j + 2];
            }
        }
        List<LabelledPair> out = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            EvalTasks.Doc d = docs.get(i);
            float[][] q = queryVectors.get(route[i]);
            LexicalEvidence lexical = LexicalEvidence.of(task.query(), d.text());
            out.add(new LabelledPair(task.id(), d.id(), task.grade(d.id()), route[i], Vectors.dot(q[0], docVectors[i]),
                    Vectors.dot(q[1], docVectors[i]), background(route[i], q[0]), lexical.termCoverage(),
                    lexical.phraseCoverage()));
        }
        return out;
    }

    private BgeEncoder encoder(BgeModel m) {
        return encoders.computeIfAbsent(m, k -> {
            BgeEncoder e = new BgeEncoder(k, config.maxTokens(), 1, config.runtime());
            references.put(k, e.embed(ReferenceTexts.of(k)));
            return e;
        });
    }

    private double background(BgeModel m, float[] query) {
        double sum = 0;
        for (float[] r : references.get(m)) {
            sum += Vectors.dot(query, r);
        }
        return sum / references.get(m).length;
    }

    @Override
    public void close() {
        encoders.values().forEach(BgeEncoder::close);
    }
}
