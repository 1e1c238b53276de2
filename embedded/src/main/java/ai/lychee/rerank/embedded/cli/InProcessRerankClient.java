package ai.lychee.rerank.embedded.cli;

import ai.lychee.rerank.functions.RerankFunctions;
import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.api.RerankResponse;
import ai.lychee.rerank.functions.api.ScoreRequest;
import ai.lychee.rerank.functions.api.ScoreResponse;
import ai.lychee.rerank.functions.dispatch.WorkerFailedException;
import ai.lychee.rerank.functions.validation.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** Calls the functions bean of this JVM directly: no HTTP, same validation, cache and worker. */
public class InProcessRerankClient implements RerankClient {

    private final RerankFunctions functions;

    public InProcessRerankClient(RerankFunctions functions) {
        this.functions = functions;
    }

    @Override
    public RerankResponse rerank(RerankRequest request) {
        return await(() -> functions.rerank(request));
    }

    @Override
    public ScoreResponse score(ScoreRequest request) {
        return await(() -> functions.score(request));
    }

    private static <T> T await(Supplier<Uni<T>> call) {
        try {
            return call.get().await().indefinitely();
        } catch (InvalidRequestException e) {
            throw new CliException(e.field() + ": " + e.getMessage());
        } catch (WorkerFailedException e) {
            throw new CliException("scoring failed: " + e.getMessage());
        }
    }
}
