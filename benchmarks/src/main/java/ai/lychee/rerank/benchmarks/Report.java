package ai.lychee.rerank.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints each figure with its spread, the machine and its load as each was taken, and the goals met or missed. */
final class Report {

    private final PrintStream out;
    private final List<String> goals = new ArrayList<>();

    Report(PrintStream out) {
        this.out = out;
    }

    void header(CompareMain.Options o) {
        out.printf(Locale.ROOT, "lychee bench-compare: %d DL19 passages per call, %d repeats (%d warm-up), %d restarts, %d requests%n",
                o.docs(), o.repeats(), o.warmup(), o.restarts(), o.requests());
        out.printf(Locale.ROOT, "machine: %d cores (%s), %s, Java %s; ONNX Runtime %s%n",
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"), ortVersion());
        out.println("load average at start: " + loadAverage());
    }

    void agreement(float[][] plain, float[][] ours, float[][] oursShippedGraph, double plainLoadMs, double oursLoadMs) {
        out.printf(Locale.ROOT, "%nsame model: largest difference between the two embeddings of a passage %.2e (%d dims); "
                + "loading: plain library %.0f ms, our encoders + lite scorer %.0f ms%n", largestDifference(plain, ours), plain[0].length,
                plainLoadMs, oursLoadMs);
        out.printf(Locale.ROOT, "same bits: our tuned graph against the graph as shipped, %s%n",
                java.util.Arrays.deepEquals(ours, oursShippedGraph) ? "identical embeddings"
                        : String.format(Locale.ROOT, "DIFFERENT (largest difference %.2e)", largestDifference(ours, oursShippedGraph)));
    }

    private static double largestDifference(float[][] a, float[][] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[i].length; k++) {
                worst = Math.max(worst, Math.abs(a[i][k] - b[i][k]));
            }
        }
        return worst;
    }

    /** Milliseconds per call of each way of embedding the same passages, one entry per round. */
    record Forward(double[] plainMs, double[] oursMs, double[] scorerMs, double[] oneRunMs, double[] shippedGraphMs) {
    }

    void forward(int docs, Forward f, String graphTuning) {
        double[] plainMs = f.plainMs();
        double[] oursMs = f.oursMs();
        out.println();
        out.println("1. plain library against our forward path (same process, rounds interleaved; load " + loadAverage() + ")");
        out.println("   our graph: " + graphTuning);
        Spread plain = Spread.of(plainMs);
        Spread ours = Spread.of(oursMs);
        out.println("   plain langchain4j embedAll, ms:       " + plain.describe("ms", "%7.1f"));
        out.println("   plain langchain4j embedAll, docs/s:   " + Spread.of(Spread.docsPerSecond(plainMs, docs)).describe("docs/s", "%7.1f"));
        out.println("   our forward (BgeEncoder.embed), ms:   " + ours.describe("ms", "%7.1f"));
        out.println("   our forward (BgeEncoder.embed), docs/s:" + Spread.of(Spread.docsPerSecond(oursMs, docs)).describe("docs/s", "%7.1f"));
        out.println("   our lite scorer, caches off, ms:      " + Spread.of(f.scorerMs()).describe("ms", "%7.1f")
                + "   (20 documents + the query, calibration)");
        Spread shipped = Spread.of(f.shippedGraphMs());
        out.println("   ours on the graph as shipped, ms:     " + shipped.describe("ms", "%7.1f"));
        out.printf(Locale.ROOT, "   graph tuning alone, p50: %.2fx%n", shipped.p50() / ours.p50());

        Spread oneRun = Spread.of(f.oneRunMs());
        int cores = Runtime.getRuntime().availableProcessors();
        out.println("   ours, one run at a time (one core), ms:" + oneRun.describe("ms", "%7.1f"));
        out.printf(Locale.ROOT, "   floor on %d cores (one-core p50 / %d): %.1f ms; our forward p50 is %.0f%% of it, the plain library's %.0f%%%n",
                cores, cores, oneRun.p50() / cores, 100 * oneRun.p50() / cores / ours.p50(), 100 * oneRun.p50() / cores / plain.p50());
        double[] ratio = new double[plainMs.length];
        for (int i = 0; i < ratio.length; i++) {
            ratio[i] = plainMs[i] / oursMs[i];
        }
        out.println("   speed-up per round (plain / ours):    " + Spread.of(ratio).describe("x", "%7.2f"));
        double p50Ratio = plain.p50() / ours.p50();
        out.printf(Locale.ROOT, "   docs/s ratio at p50: %.2fx%n", p50Ratio);
        goal(p50Ratio >= 1.5, "our forward >= 1.5x the plain library's docs/s", "%.2fx", p50Ratio);
    }

    void restarts(List<ServiceProcess.Start> starts) {
        double[] banner = starts.stream().mapToDouble(ServiceProcess.Start::bannerMillis).toArray();
        double[] ready = starts.stream().mapToDouble(ServiceProcess.Start::readyMillis).toArray();
        out.println();
        out.println("2. restart to ready: java -jar embedded/target/quarkus-app/quarkus-run.jar load (load " + loadAverage() + ")");
        out.println("   launch to 'Running on local URL', ms:  " + Spread.of(banner).describe("ms", "%7.0f"));
        out.println("   launch to first 200 /q/health/ready:   " + Spread.of(ready).describe("ms", "%7.0f"));
        Spread r = Spread.of(ready);
        goal(r.p50() < 5000, "restart to ready < 5 s (p50)", "%.2f s", r.p50() / 1000);
    }

    void serviceWarmup(int requests, double seconds) {
        out.printf(Locale.ROOT, "%n   (service warmed up with %d requests in %.1f s before the figures below: the in-process path is JIT "
                + "compiled too)%n", requests, seconds);
    }

    void endToEnd(int docs, double[] e2eMs, double[] forwardMs, double[] hitMs, double[] knownDocsMs) {
        out.println();
        out.println("3. end-to-end HTTP against the forward work of the same request (load " + loadAverage() + ")");
        Spread e2e = Spread.of(e2eMs);
        Spread forward = Spread.of(forwardMs);
        out.println("   e2e POST /api/rerank, cold, ms:        " + e2e.describe("ms", "%7.1f"));
        out.println("   e2e cold, docs/s:                      " + Spread.of(Spread.docsPerSecond(e2eMs, docs)).describe("docs/s", "%7.1f"));
        out.println("   forward alone (scorer, caches off), ms:" + forward.describe("ms", "%7.1f"));
        double[] ratio = new double[e2eMs.length];
        for (int i = 0; i < ratio.length; i++) {
            ratio[i] = e2eMs[i] / forwardMs[i];
        }
        out.println("   overhead per request (e2e / forward):  " + Spread.of(ratio).describe("x", "%7.3f"));
        double p50Ratio = e2e.p50() / forward.p50();
        out.printf(Locale.ROOT, "   overhead ratio at p50: %.3fx (e2e p50 - forward p50 = %.1f ms)%n", p50Ratio, e2e.p50() - forward.p50());
        Spread hit = Spread.of(hitMs);
        out.println("   e2e hot-query cache hit, ms:           " + hit.describe("ms", "%7.2f"));
        Spread known = Spread.of(knownDocsMs);
        out.println("   e2e known documents, new query, ms:    " + known.describe("ms", "%7.2f"));
        goal(p50Ratio <= 1.10, "e2e cold p50 <= 1.10x forward p50", "%.3fx", p50Ratio);
        goal(hit.p50() < 2.0, "cache hit p50 < 2 ms", "%.2f ms", hit.p50());
        goal(known.p50() < 30.0, "known documents p50 well under 30 ms", "%.1f ms", known.p50());
    }

    void goals() {
        out.println();
        out.println("goals (issue 7), load average now " + loadAverage() + ":");
        goals.forEach(g -> out.println("   " + g));
    }

    private void goal(boolean met, String what, String format, double value) {
        goals.add(String.format(Locale.ROOT, "%-6s %-45s " + format, met ? "MET" : "MISSED", what, value));
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("cpu unknown");
        } catch (IOException | RuntimeException e) {
            return "cpu unknown";
        }
    }

    private static String ortVersion() {
        Package p = ai.onnxruntime.OrtEnvironment.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "(version not in the jar manifest)" : v;
    }
}
