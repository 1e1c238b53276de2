package ai.lychee.rerank.worker.lite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Maps the cosine of a pair's embeddings to a score in [0, 1]: per bge model, a piecewise-linear map through
 * fitted knots (cosine, score), strictly increasing, so the order of a model's documents is the order of their
 * cosines and a score depends on its own pair alone. The knots at 0.4 and 0.7 are the band edges that
 * {@code lychee calibrate} fitted by cross-validation (see models/README.md); the file also says whether a model's
 * queries carry bge's retrieval prefix, because the knots were fitted on those cosines. Read from the classpath
 * resource {@value #RESOURCE} (models/catalog/lite-calibration.json).
 */
public final class LiteCalibration {

    public static final String RESOURCE = "lychee/models/lite-calibration.json";

    /** One model's map: knots sorted by cosine, scores rising, and its query prefix choice. */
    public record ModelMap(double[] cosines, double[] scores, boolean queryPrefix) {

        public ModelMap {
            if (cosines.length < 2 || cosines.length != scores.length) {
                throw new IllegalArgumentException("a map needs two or more (cosine, score) knots");
            }
            for (int i = 1; i < cosines.length; i++) {
                if (!(cosines[i] > cosines[i - 1]) || !(scores[i] > scores[i - 1])) {
                    throw new IllegalArgumentException("knots must rise in cosine and in score");
                }
            }
        }

        /** The standard shape: (0, 0), (low edge, 0.4), (high edge, 0.7), (1, 1). */
        public static ModelMap ofBandEdges(double lowEdge, double highEdge, boolean queryPrefix) {
            return new ModelMap(new double[] {0, lowEdge, highEdge, 1}, new double[] {0, 0.4, 0.7, 1}, queryPrefix);
        }

        /** Linear between knots, the end segments extended, clamped to [0, 1]. */
        public double score(double cosine) {
            int last = cosines.length - 1;
            int i = 1;
            while (i < last && cosine > cosines[i]) {
                i++;
            }
            double slope = (scores[i] - scores[i - 1]) / (cosines[i] - cosines[i - 1]);
            double s = scores[i - 1] + slope * (cosine - cosines[i - 1]);
            return Math.max(0, Math.min(1, s));
        }
    }

    private final Map<BgeModel, ModelMap> byModel;

    public LiteCalibration(Map<BgeModel, ModelMap> byModel) {
        for (BgeModel m : BgeModel.values()) {
            if (!byModel.containsKey(m)) {
                throw new IllegalStateException(RESOURCE + " has no map for model " + m.key());
            }
        }
        this.byModel = new EnumMap<>(byModel);
    }

    public static LiteCalibration load() {
        try (InputStream in = LiteCalibration.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath (lychee-models jar)");
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public static LiteCalibration parse(JsonNode root) {
        Map<BgeModel, ModelMap> byModel = new EnumMap<>(BgeModel.class);
        for (BgeModel m : BgeModel.values()) {
            JsonNode node = root.path("models").path(m.key());
            JsonNode knots = node.path("knots");
            if (!knots.isArray() || knots.size() < 2) {
                throw new IllegalStateException(RESOURCE + " has no knots for model " + m.key()
                        + ": re-fit it with lychee calibrate --write");
            }
            double[] cosines = new double[knots.size()];
            double[] scores = new double[knots.size()];
            for (int i = 0; i < knots.size(); i++) {
                cosines[i] = knots.get(i).path(0).asDouble();
                scores[i] = knots.get(i).path(1).asDouble();
            }
            byModel.put(m, new ModelMap(cosines, scores, node.path("queryPrefix").asBoolean(false)));
        }
        return new LiteCalibration(byModel);
    }

    /** The calibrated score of a pair whose embeddings by {@code model} have this cosine. */
    public double score(BgeModel model, double cosine) {
        return byModel.get(model).score(cosine);
    }

    /** Whether queries routed to {@code model} are embedded behind bge's retrieval prefix. */
    public boolean queryPrefix(BgeModel model) {
        return byModel.get(model).queryPrefix();
    }

    public ModelMap map(BgeModel model) {
        return byModel.get(model);
    }
}
