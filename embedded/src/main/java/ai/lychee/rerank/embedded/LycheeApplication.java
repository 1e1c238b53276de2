package ai.lychee.rerank.embedded;

import ai.lychee.rerank.embedded.cli.BenchCommand;
import ai.lychee.rerank.embedded.cli.CliArgs;
import ai.lychee.rerank.embedded.cli.CliException;
import ai.lychee.rerank.embedded.cli.Command;
import ai.lychee.rerank.embedded.cli.EvalCommand;
import ai.lychee.rerank.embedded.cli.RerankCommand;
import ai.lychee.rerank.embedded.cli.ScoreCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import java.util.Arrays;
import java.util.List;

/** Runs once Quarkus has started (model loaded, HTTP listening): serve until stopped, or run one command. */
public class LycheeApplication implements QuarkusApplication {

    @Override
    public int run(String... args) {
        String command = args.length == 0 ? "load" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        if (LycheeMain.SERVER_COMMANDS.contains(command)) {
            ServiceBanner.print(command.equals("share"));
            Quarkus.waitForExit();
            return 0;
        }
        Command toRun = switch (command) {
            case "score" -> new ScoreCommand(System.out);
            case "rerank" -> new RerankCommand(System.out);
            case "eval" -> new EvalCommand(System.err);
            case "bench" -> new BenchCommand(System.out);
            default -> throw new IllegalStateException("unknown command " + command);
        };
        try {
            return toRun.run(CliArgs.parse(rest, StartupOptions.FLAGS));
        } catch (CliException e) {
            System.err.println("lychee " + command + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("lychee " + command + ": failed: " + e);
            return 1;
        }
    }
}
