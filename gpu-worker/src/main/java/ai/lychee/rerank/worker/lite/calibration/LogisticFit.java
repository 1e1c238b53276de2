package ai.lychee.rerank.worker.lite.calibration;

import java.util.List;
import java.util.function.Function;

/**
 * A weighted logistic regression with soft targets, fitted by Newton's method with a small L2 penalty: how the
 * lexical candidates combine their inputs. Grades become targets (0 -> 0, 1 "related" -> 0.5, 2 and 3 -> 1);
 * the pairs graded 2 or more and the others get half the total weight each, so the share of relevant candidates in
 * a set does not move the fit.
 */
final class LogisticFit {

    private static final double[] TARGETS = {0, 0.5, 1, 1};
    private static final double L2 = 1e-3;

    private LogisticFit() {
    }

    /** @return the intercept then one weight per input */
    static double[] fit(List<LabelledPair> rows, Function<LabelledPair, double[]> inputs) {
        int d = inputs.apply(rows.get(0)).length + 1;
        long relevant = rows.stream().filter(r -> r.grade() >= 2).count();
        double wRelevant = 0.5 / Math.max(1, relevant);
        double wOther = 0.5 / Math.max(1, rows.size() - relevant);
        double[] w = new double[d];
        for (int iter = 0; iter < 50; iter++) {
            double[] grad = new double[d];
            double[][] hess = new double[d][d];
            for (LabelledPair r : rows) {
                double[] x = withBias(inputs.apply(r));
                double p = sigmoid(dot(w, x));
                double y = TARGETS[Math.min(r.grade(), TARGETS.length - 1)];
                double s = r.grade() >= 2 ? wRelevant : wOther;
                for (int i = 0; i < d; i++) {
                    grad[i] += s * (p - y) * x[i];
                    for (int j = 0; j < d; j++) {
                        hess[i][j] += s * p * (1 - p) * x[i] * x[j];
                    }
                }
            }
            for (int i = 1; i < d; i++) {
                grad[i] += L2 * w[i];
                hess[i][i] += L2;
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

    /** The fitted model's log-odds for one pair (monotone in its probability, so it ranks the same). */
    static double logOdds(double[] w, double[] inputs) {
        return dot(w, withBias(inputs));
    }

    private static double[] withBias(double[] x) {
        double[] out = new double[x.length + 1];
        out[0] = 1;
        System.arraycopy(x, 0, out, 1, x.length);
        return out;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Gaussian elimination with partial pivoting; the systems are 4x4 or 5x5. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] swap = m[c];
            m[c] = m[pivot];
            m[pivot] = swap;
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
