package ai.lychee.rerank.embedded.cli;

import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.api.RerankResponse;
import ai.lychee.rerank.functions.api.ScoreRequest;
import ai.lychee.rerank.functions.api.ScoreResponse;

/** How the CLI reaches the functions: in this JVM, or a running service over HTTP. Failures throw {@link CliException}. */
public interface RerankClient {

    RerankResponse rerank(RerankRequest request);

    ScoreResponse score(ScoreRequest request);
}
