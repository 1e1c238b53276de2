package ai.lychee.rerank.embedded;

import ai.lychee.rerank.embedded.cli.CalibrateCommand;
import ai.lychee.rerank.embedded.cli.CliArgs;
import ai.lychee.rerank.embedded.cli.CliException;
import ai.lychee.rerank.embedded.cli.LoadTestCommand;
import ai.lychee.rerank.embedded.cli.MmBenchCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code lychee} entry point. {@code load} and {@code share} run the service; {@code score},
 * {@code rerank}, {@code eval} and {@code bench} run once and exit; {@code loadtest} drives a running service
 * over HTTP, {@code calibrate} cross-validates the lite calibration and {@code mm-bench} dry-runs lychee-rerank-mm at
 * its real size, all without starting Quarkus. Options that decide how Quarkus
 * starts (port, host, share token) are turned into system properties before it does.
 */
@QuarkusMain
public class LycheeMain {

    static final List<String> SERVER_COMMANDS = List.of("load", "share");
    static final List<String> ONE_SHOT_COMMANDS = List.of("score", "rerank", "eval", "bench");
    /** Pure HTTP clients of a running service: they need neither Quarkus nor the model, so they start neither. */
    static final List<String> CLIENT_COMMANDS = List.of("loadtest");

    public static void main(String... args) {
        String command = args.length == 0 ? "help" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        try {
            if (CLIENT_COMMANDS.contains(command)) {
                System.exit(new LoadTestCommand(System.out).run(CliArgs.parse(rest, StartupOptions.FLAGS)));
                return;
            }
            if (command.equals("calibrate")) {
                System.exit(new CalibrateCommand(System.out, System.err).run(CliArgs.parse(rest, StartupOptions.FLAGS)));
                return;
            }
            if (command.equals("mm-bench")) {
                System.exit(new MmBenchCommand(System.out).run(CliArgs.parse(rest, MmBenchCommand.FLAGS)));
                return;
            }
            if (SERVER_COMMANDS.contains(command)) {
                StartupOptions.forServer(command, rest);
            } else if (ONE_SHOT_COMMANDS.contains(command)) {
                StartupOptions.forOneShot(command, rest);
            } else {
                boolean asked = command.equals("help") || command.equals("--help") || command.equals("-h");
                (asked ? System.out : System.err).println(Usage.TEXT);
                System.exit(asked ? 0 : 2);
                return;
            }
        } catch (CliException e) {
            System.err.println("lychee " + command + ": " + e.getMessage());
            System.exit(2);
            return;
        } catch (Exception e) {
            System.err.println("lychee " + command + ": failed: " + e);
            System.exit(1);
            return;
        }
        Quarkus.run(LycheeApplication.class, args);
    }
}
