package ai.lychee.rerank.embedded.cli;

import ai.lychee.rerank.worker.lite.LiteConfigs;
import ai.lychee.rerank.worker.lite.calibration.BandAims;
import ai.lychee.rerank.worker.lite.calibration.LiteCalibrate;
import ai.lychee.rerank.worker.lite.calibration.QueryFolds;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code lychee calibrate SET.jsonl...}: the lite scorer's cross-validated figures beside plain cosine, the band
 * trade-off per grade, the choices they decide and the calibration to ship ({@code --write FILE} writes it).
 * Needs neither Quarkus nor a service: it loads the two bge models itself.
 */
public class CalibrateCommand implements Command {

    static final String USAGE = "usage: lychee calibrate SET.jsonl... [--folds 5] [--repeats 4] [--seed 16] "
            + "[--aim-high 0.72] [--aim-low 0.82] [--cache DIR] [--write FILE]";

    private final PrintStream out;
    private final PrintStream err;

    public CalibrateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public int run(CliArgs args) throws Exception {
        if (args.positional().isEmpty()) {
            throw new CliException(USAGE);
        }
        QueryFolds folds;
        BandAims aims;
        try {
            folds = new QueryFolds(args.intValue("folds", 5), args.intValue("repeats", 4), args.intValue("seed", 16));
            aims = new BandAims(share(args, "aim-high", BandAims.DEFAULT.topHigh()),
                    share(args, "aim-low", BandAims.DEFAULT.zeroLow()));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        String cache = args.value("cache");
        Path cacheDir = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "lychee", "calibrate");
        String write = args.value("write");
        List<Path> sets = args.positional().stream().map(Path::of).toList();
        try {
            LiteCalibrate.run(new LiteCalibrate.Options(sets, folds, aims, cacheDir, write == null ? null : Path.of(write)),
                    LiteConfigs.fromEnvironment(), out, err);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        return 0;
    }

    private static double share(CliArgs args, String name, double fallback) {
        String v = args.value(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new CliException("--" + name + " takes a share between 0 and 1, not '" + v + "'");
        }
    }
}
