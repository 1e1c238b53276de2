import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits the lite scorer's calibration: one logistic regression per bge model (zh, en) from the pair features
 * that {@code ai.lychee.rerank.worker.lite.LiteEval features} dumps, against graded labels.
 *
 * <pre>
 * java models/scripts/FitLiteCalibration.java [--out models/catalog/lite-calibration.json]
 *      [--targets 0,0.5,1,1] [--relevant-from 2] [--fit-on-all zh] [--l2 0.001] FEATURES.tsv...
 * </pre>
 *
 * Grades become soft targets (grade 0..3 -> --targets: irrelevant 0, "related / partly relevant" one half,
 * relevant and perfect 1), so the score reads as "how likely a person calls this relevant". Within each file the
 * relevant (grade >= --relevant-from) and the other pairs get half the weight each, so a set whose candidates are
 * mostly relevant (or mostly not) does not shift everybody's scores: the fitted score assumes an even prior.
 * A model is fitted on its own rows, except the models named by --fit-on-all, fitted on every row: bge-small-zh
 * answers Chinese questions as well as Chinese paraphrase-style queries, and the only question-answer set with
 * labels (DL19) is English, so its rows teach the zh fit what an answer looks like.
 * No dependencies: plain JDK 17, run as a single-file source program.
 */
public class FitLiteCalibration {

    record Row(String model, double[] x, int grade, double weight) {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of("models/catalog/lite-calibration.json");
        double[] targets = {0, 0.5, 1, 1};
        int relevantFrom = 2;
        List<String> fitOnAll = new ArrayList<>(List.of("zh"));
        double l2 = 1e-3;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--targets" -> targets = Arrays.stream(args[++i].split(",")).mapToDouble(Double::parseDouble).toArray();
                case "--l2" -> l2 = Double.parseDouble(args[++i]);
                case "--relevant-from" -> relevantFrom = Integer.parseInt(args[++i]);
                case "--fit-on-all" -> fitOnAll = args[++i].isBlank() ? List.of() : List.of(args[i].split(","));
                default -> inputs.add(Path.of(args[i]));
            }
        }
        if (inputs.isEmpty()) {
            System.err.println("usage: java FitLiteCalibration.java [--out FILE] [--targets t0,t1,t2,t3] [--l2 L] FEATURES.tsv...");
            System.exit(2);
        }
        String[] featureNames = null;
        List<Row> rows = new ArrayList<>();
        for (Path p : inputs) {
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            String[] header = lines.get(0).split("\t");
            String[] names = Arrays.copyOfRange(header, 4, header.length);
            if (featureNames == null) {
                featureNames = names;
            } else if (!Arrays.equals(featureNames, names)) {
                throw new IllegalArgumentException(p + " has features " + Arrays.toString(names));
            }
            List<Row> fileRows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split("\t");
                double[] x = new double[names.length];
                for (int k = 0; k < x.length; k++) {
                    x[k] = Double.parseDouble(c[4 + k]);
                }
                fileRows.add(new Row(c[3], x, Integer.parseInt(c[2]), 1));
            }
            final int from = relevantFrom;
            long relevant = fileRows.stream().filter(r -> r.grade() >= from).count();
            double wRel = 0.5 / Math.max(1, relevant);
            double wIrr = 0.5 / Math.max(1, fileRows.size() - relevant);
            for (Row r : fileRows) {
                rows.add(new Row(r.model(), r.x(), r.grade(), r.grade() >= relevantFrom ? wRel : wIrr));
            }
            System.err.printf(Locale.ROOT, "%s: %d pairs, %d graded >= %d%n", p, fileRows.size(), relevant, relevantFrom);
        }
        Map<String, double[]> fitted = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (String model : rows.stream().map(Row::model).distinct().sorted().toList()) {
            boolean all = fitOnAll.contains(model);
            List<Row> mine = rows.stream().filter(r -> all || r.model().equals(model)).toList();
            double[] w = fit(mine, targets, l2);
            fitted.put(model, w);
            counts.put(model, mine.size());
            report(model, mine, w);
        }
        Files.writeString(out, json(featureNames, fitted, counts, targets, relevantFrom, fitOnAll, l2, inputs),
                StandardCharsets.UTF_8);
        System.err.println("wrote " + out);
    }

    /** Newton's method on the weighted cross-entropy with soft targets; w[0] is the intercept. */
    static double[] fit(List<Row> rows, double[] targets, double l2) {
        int d = rows.get(0).x().length + 1;
        double[] w = new double[d];
        double total = rows.stream().mapToDouble(Row::weight).sum();
        for (int iter = 0; iter < 50; iter++) {
            double[] grad = new double[d];
            double[][] hess = new double[d][d];
            for (Row r : rows) {
                double[] xb = withBias(r.x());
                double p = sigmoid(dot(w, xb));
                double y = targets[Math.min(r.grade(), targets.length - 1)];
                double s = r.weight() / total;
                for (int i = 0; i < d; i++) {
                    grad[i] += s * (p - y) * xb[i];
                    for (int j = 0; j < d; j++) {
                        hess[i][j] += s * p * (1 - p) * xb[i] * xb[j];
                    }
                }
            }
            for (int i = 1; i < d; i++) {
                grad[i] += l2 * w[i];
                hess[i][i] += l2;
            }
            double[] step = solve(hess, grad);
            double size = 0;
            for (int i = 0; i < d; i++) {
                w[i] -= step[i];
                size = Math.max(size, Math.abs(step[i]));
            }
            if (size < 1e-10) {
                break;
            }
        }
        return w;
    }

    /** How the fitted scores of each grade fall into the bands (high > 0.7, low < 0.4) on the fitting data. */
    static void report(String model, List<Row> rows, double[] w) {
        Map<Integer, int[]> bands = new TreeMap<>();
        for (Row r : rows) {
            double p = sigmoid(dot(w, withBias(r.x())));
            int band = p > 0.7 ? 0 : p < 0.4 ? 2 : 1;
            bands.computeIfAbsent(r.grade(), g -> new int[3])[band]++;
        }
        System.err.printf(Locale.ROOT, "model %s: %d pairs, w = %s%n", model, rows.size(), Arrays.toString(round(w)));
        bands.forEach((g, b) -> {
            int n = b[0] + b[1] + b[2];
            System.err.printf(Locale.ROOT, "  grade %d: high %.2f  medium %.2f  low %.2f  (%d)%n", g,
                    (double) b[0] / n, (double) b[1] / n, (double) b[2] / n, n);
        });
    }

    static String json(String[] names, Map<String, double[]> fitted, Map<String, Integer> counts, double[] targets,
                       int relevantFrom, List<String> fitOnAll, double l2, List<Path> inputs) {
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"description\": \"Lite scorer calibration: score = sigmoid(intercept + weights . features), "
                + "one logistic model per bge model. Fitted by models/scripts/FitLiteCalibration.java; see models/README.md.\",\n");
        s.append("  \"features\": [");
        for (int i = 0; i < names.length; i++) {
            s.append(i > 0 ? ", " : "").append('"').append(names[i]).append('"');
        }
        s.append("],\n");
        s.append("  \"targets\": ").append(Arrays.toString(targets)).append(",\n");
        s.append("  \"relevantFrom\": ").append(relevantFrom).append(",\n");
        s.append("  \"fitOnAll\": [");
        for (int i = 0; i < fitOnAll.size(); i++) {
            s.append(i > 0 ? ", " : "").append('"').append(fitOnAll.get(i)).append('"');
        }
        s.append("],\n");
        s.append("  \"l2\": ").append(l2).append(",\n");
        s.append("  \"fittedOn\": [");
        for (int i = 0; i < inputs.size(); i++) {
            s.append(i > 0 ? ", " : "").append('"').append(inputs.get(i).getFileName()).append('"');
        }
        s.append("],\n  \"models\": {\n");
        int k = 0;
        for (Map.Entry<String, double[]> e : fitted.entrySet()) {
            double[] w = round(e.getValue());
            s.append("    \"").append(e.getKey()).append("\": {\"pairs\": ").append(counts.get(e.getKey()))
                    .append(", \"intercept\": ").append(w[0]).append(", \"weights\": ")
                    .append(Arrays.toString(Arrays.copyOfRange(w, 1, w.length))).append('}')
                    .append(++k < fitted.size() ? ",\n" : "\n");
        }
        s.append("  }\n}\n");
        return s.toString();
    }

    static double[] round(double[] w) {
        return Arrays.stream(w).map(v -> Math.round(v * 1e5) / 1e5).toArray();
    }

    static double[] withBias(double[] x) {
        double[] xb = new double[x.length + 1];
        xb[0] = 1;
        System.arraycopy(x, 0, xb, 1, x.length);
        return xb;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Gaussian elimination with partial pivoting (the system is tiny: features + 1). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
