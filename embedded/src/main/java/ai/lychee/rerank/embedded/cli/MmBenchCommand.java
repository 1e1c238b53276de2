package ai.lychee.rerank.embedded.cli;

import ai.lychee.rerank.worker.mm.bench.MmBench;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code lychee mm-bench --config 3b|7b [--layers N] [--docs N]}: lychee-rerank-mm at its real dimensions on random
 * weights, shared plan against pair by pair (docs/lychee-rerank-mm.md). Runs without starting Quarkus.
 */
public class MmBenchCommand implements Command {

    static final String USAGE = "usage: lychee mm-bench --config 3b|7b [--layers N] [--docs 20] [--image 448x448]"
            + " [--rounds 1] [--dir DIR] [--device auto|cpu|gpu] [--dtype auto|fp32|fp16] [--max-batch 8] [--load-only]";
    public static final List<String> FLAGS = List.of("load-only", "help");

    private final PrintStream out;

    public MmBenchCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public int run(CliArgs args) throws Exception {
        if (args.flag("help")) {
            out.println(USAGE);
            return 0;
        }
        if (!args.positional().isEmpty()) {
            throw new CliException("unexpected argument '" + args.positional().get(0) + "'; " + USAGE);
        }
        String config = args.value("config");
        if (config == null || !(config.equals("3b") || config.equals("7b"))) {
            throw new CliException("--config must be 3b or 7b; " + USAGE);
        }
        Map<String, String> options = new HashMap<>();
        options.put("config", config);
        for (String number : List.of("layers", "docs", "rounds", "max-batch")) {
            if (args.value(number) != null) {
                if (args.intValue(number, 0) < 1) {
                    throw new CliException("--" + number + " must be at least 1");
                }
                options.put(number, args.value(number));
            }
        }
        String image = args.value("image");
        if (image != null) {
            if (!image.matches("[1-9][0-9]{1,4}x[1-9][0-9]{1,4}")) {
                throw new CliException("--image takes WIDTHxHEIGHT in pixels, such as 448x448, not '" + image + "'");
            }
            options.put("image", image);
        }
        for (String text : List.of("dir", "device", "dtype")) {
            if (args.value(text) != null) {
                options.put(text, args.value(text));
            }
        }
        if (args.flag("load-only")) {
            options.put("load-only", "true");
        }
        return new MmBench(out).run(options);
    }
}
