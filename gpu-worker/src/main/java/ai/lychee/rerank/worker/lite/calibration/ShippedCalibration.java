package ai.lychee.rerank.worker.lite.calibration;

import ai.lychee.rerank.worker.lite.BgeModel;
import ai.lychee.rerank.worker.lite.LiteCalibration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.DoubleStream;

/**
 * The calibration to ship: for each model, band edges fitted on every pair of the sets in its language (after
 * cross-validation has said how such a fit does on pairs it did not see), with the chosen input.
 * A model no given set speaks for keeps the map it ships with now.
 */
public record ShippedCalibration(Map<BgeModel, Fit> fits, LiteCalibration current) {

    /** One model's fit: its input, edges and the sets (with pair counts) it was fitted on. */
    public record Fit(BandInput input, BandEdges edges, Map<String, Integer> fittedOn) {
    }

    public static ShippedCalibration fit(List<LabelledSet> sets, CalibrationChoices choices, BandAims aims,
                                         LiteCalibration current) {
        Map<BgeModel, Fit> fits = new EnumMap<>(BgeModel.class);
        for (BgeModel m : BgeModel.values()) {
            BandInput input = choices.input(m);
            List<double[]> top = new ArrayList<>();
            List<double[]> zero = new ArrayList<>();
            Map<String, Integer> fittedOn = new LinkedHashMap<>();
            for (LabelledSet s : sets) {
                List<LabelledPair> mine = s.pairs().stream().filter(p -> p.model() == m).toList();
                if (s.model() != m || mine.isEmpty()) {
                    continue;
                }
                int topGrade = s.topGrade();
                top.add(mine.stream().filter(p -> p.grade() == topGrade).mapToDouble(input.value()).toArray());
                zero.add(mine.stream().filter(p -> p.grade() == 0).mapToDouble(input.value()).toArray());
                fittedOn.put(s.name(), mine.size());
            }
            if (!fittedOn.isEmpty()) {
                fits.put(m, new Fit(input, BandEdges.fit(concat(top), concat(zero), aims), fittedOn));
            }
        }
        return new ShippedCalibration(fits, current);
    }

    /** The scorer's calibration: the fitted maps, the current one for a model without a set. */
    public LiteCalibration calibration() {
        Map<BgeModel, LiteCalibration.ModelMap> maps = new EnumMap<>(BgeModel.class);
        for (BgeModel m : BgeModel.values()) {
            Fit f = fits.get(m);
            // rounded as the file stores them, so what is printed here is what the scorer will compute
            maps.put(m, f == null ? current.map(m) : LiteCalibration.ModelMap.ofBandEdges(round(f.edges().low()),
                    round(f.edges().high()), f.input() == BandInput.PREFIXED_COSINE));
        }
        return new LiteCalibration(maps);
    }

    /** Writes models/catalog/lite-calibration.json's format. */
    public void write(Path file, BandAims aims, QueryFolds folds) throws IOException {
        LiteCalibration c = calibration();
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"description\": \"Lite scorer calibration: per bge model, the score is a piecewise-linear map of the ")
                .append("query-document cosine through the knots [cosine, score]; the knots at 0.4 and 0.7 are the band edges, ")
                .append("fitted so that the aimed shares of the top-grade documents score high and of the grade-0 documents low. ")
                .append("Written by lychee calibrate --write after cross-validation by query; see models/README.md.\",\n");
        json.append(String.format(Locale.ROOT, "  \"aims\": {\"topGradeHigh\": %s, \"gradeZeroLow\": %s},%n",
                aims.topHigh(), aims.zeroLow()));
        json.append(String.format(Locale.ROOT, "  \"crossValidation\": {\"folds\": %d, \"repeats\": %d, \"seed\": %d},%n",
                folds.folds(), folds.repeats(), folds.seed()));
        json.append("  \"models\": {\n");
        List<String> models = new ArrayList<>();
        for (BgeModel m : BgeModel.values()) {
            LiteCalibration.ModelMap map = c.map(m);
            List<String> knots = new ArrayList<>();
            for (int i = 0; i < map.cosines().length; i++) {
                knots.add("[" + plain(map.cosines()[i]) + ", " + plain(map.scores()[i]) + "]");
            }
            Fit f = fits.get(m);
            List<String> on = new ArrayList<>();
            if (f != null) {
                f.fittedOn().forEach((set, n) -> on.add("\"" + set + "\": " + n));
            }
            models.add(String.format(Locale.ROOT, "    \"%s\": {\"queryPrefix\": %s, \"knots\": [%s], \"fittedOn\": {%s}}",
                    m.key(), map.queryPrefix(), String.join(", ", knots), String.join(", ", on)));
        }
        json.append(String.join(",\n", models)).append("\n  }\n}\n");
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, json.toString(), StandardCharsets.UTF_8);
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static double[] concat(List<double[]> parts) {
        return parts.stream().flatMapToDouble(DoubleStream::of).toArray();
    }
}
