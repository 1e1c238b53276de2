package ai.lychee.rerank.embedded.cli;

/** One {@code lychee} subcommand, run once Quarkus has started; returns the process exit code. */
public interface Command {
    int run(CliArgs args) throws Exception;
}
