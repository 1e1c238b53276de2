package ai.lychee.rerank.worker.lite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Maps {@link PairFeatures} to a score in [0, 1]: a logistic model per bge model, fitted on graded labels
 * by models/scripts/FitLiteCalibration.java and read from the classpath resource
 * {@value #RESOURCE} (models/catalog/lite-calibration.json).
 */
public final class LiteCalibration {

    public static final String RESOURCE = "lychee/models/lite-calibration.json";

    private record Logistic(double intercept, double[] weights) {
    }

    private final Map<BgeModel, Logistic> byModel;

    private LiteCalibration(Map<BgeModel, Logistic> byModel) {
        this.byModel = byModel;
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

    static LiteCalibration parse(JsonNode root) {
        JsonNode features = root.path("features");
        for (int i = 0; i < PairFeatures.NAMES.length; i++) {
            if (!PairFeatures.NAMES[i].equals(features.path(i).asText())) {
                throw new IllegalStateException(RESOURCE + " was fitted on features " + features
                        + ", the scorer computes " + String.join(",", PairFeatures.NAMES) + ": re-fit it");
            }
        }
        Map<BgeModel, Logistic> byModel = new EnumMap<>(BgeModel.class);
        for (BgeModel m : BgeModel.values()) {
            JsonNode node = root.path("models").path(m.key());
            if (node.isMissingNode()) {
                throw new IllegalStateException(RESOURCE + " has no parameters for model " + m.key());
            }
            double[] w = new double[PairFeatures.NAMES.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = node.path("weights").path(i).asDouble();
            }
            byModel.put(m, new Logistic(node.path("intercept").asDouble(), w));
        }
        return new LiteCalibration(byModel);
    }

    /** The calibrated score: the fitted chance that a person grades this pair relevant. */
    public double score(PairFeatures features) {
        Logistic l = byModel.get(features.model());
        double z = l.intercept();
        double[] x = features.values();
        for (int i = 0; i < x.length; i++) {
            z += l.weights()[i] * x[i];
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
