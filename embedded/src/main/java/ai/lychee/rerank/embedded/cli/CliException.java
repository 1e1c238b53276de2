package ai.lychee.rerank.embedded.cli;

/** A usage or input error: printed as one line on stderr, exit code 2. */
public class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
