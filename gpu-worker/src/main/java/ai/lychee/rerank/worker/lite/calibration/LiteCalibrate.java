package ai.lychee.rerank.worker.lite.calibration;

import ai.lychee.rerank.worker.lite.LiteCalibration;
import ai.lychee.rerank.worker.lite.LiteConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lychee calibrate}: decides the lite scorer's calibration by cross-validation by query on labelled text
 * sets. Every pair is embedded once (cached in {@code cacheDir}); then, in memory, each candidate ranking (plain
 * cosine, bge's query prefix, lexical features) and each calibration input is fitted on the training folds and
 * measured on the held-out fold, the choices are made by {@link CalibrationChoices}' rule, and the band edges to
 * ship are fitted on every pair. {@code write} puts them in lite-calibration.json's format.
 */
public final class LiteCalibrate {

    /** @param write where to write the calibration, or null to only print */
    public record Options(List<Path> sets, QueryFolds folds, BandAims aims, Path cacheDir, Path write) {
    }

    private LiteCalibrate() {
    }

    /** @throws IllegalArgumentException for a set that is missing or holds no text pairs */
    public static void run(Options options, LiteConfig config, PrintStream out, PrintStream progress) throws IOException {
        if (options.sets().isEmpty()) {
            throw new IllegalArgumentException("give at least one labelled text set (.jsonl)");
        }
        List<LabelledSet> sets = new ArrayList<>();
        for (Path file : options.sets()) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            LabelledSet set = PairTable.load(file, options.cacheDir(), config, progress);
            if (set.tasks().size() < options.folds().folds()) {
                throw new IllegalArgumentException(file + " has " + set.tasks().size() + " tasks with a text query and "
                        + "text documents: too few for " + options.folds().folds() + " folds (calibrate reads text sets)");
            }
            sets.add(set);
        }
        CalibrationReport report = new CalibrationReport(out);
        report.header(options.folds(), options.aims());
        List<SetCrossValidation> results = new ArrayList<>();
        for (LabelledSet set : sets) {
            results.add(SetCrossValidation.run(set, options.folds(), RankingCandidate.ALL, options.aims()));
        }
        CalibrationChoices choices = CalibrationChoices.decide(results);
        results.forEach(r -> report.set(r, choices));
        report.decisions(choices);
        ShippedCalibration shipped = ShippedCalibration.fit(sets, choices, options.aims(), LiteCalibration.load());
        report.shipped(shipped, sets);
        if (options.write() != null) {
            shipped.write(options.write(), options.aims(), options.folds());
            out.println("\nwrote " + options.write());
        }
        report.figures();
    }
}
