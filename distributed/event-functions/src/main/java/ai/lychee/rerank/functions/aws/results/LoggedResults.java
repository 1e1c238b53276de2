package ai.lychee.rerank.functions.aws.results;

import org.jboss.logging.Logger;

/** {@code lychee.event-functions.results=log}: each result as one JSON line on the log, for trying the package without AWS. */
final class LoggedResults implements ResultDestination {

    private static final Logger LOG = Logger.getLogger(LoggedResults.class);

    @Override
    public void send(EventResult result, String body, String detail) {
        LOG.infof("result %s", detail);
    }

    @Override
    public String describe() {
        return "the log";
    }
}
