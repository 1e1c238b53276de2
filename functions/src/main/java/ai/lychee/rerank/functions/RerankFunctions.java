package ai.lychee.rerank.functions;

import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.api.RerankResponse;
import ai.lychee.rerank.functions.api.RerankResult;
import ai.lychee.rerank.functions.api.ScoreRequest;
import ai.lychee.rerank.functions.api.ScoreResponse;
import ai.lychee.rerank.functions.validation.RequestValidator;
import ai.lychee.rerank.functions.validation.ValidatedRerank;
import io.quarkus.funqy.Funq;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The edge's two functions. They hold the logic (validation, instructions, cache, dispatch); the HTTP
 * routes, the Lambda handler and the CLI are thin adapters over them.
 */
@ApplicationScoped
public class RerankFunctions {

    private final RequestValidator validator;
    private final DocumentScoring scoring;
    private final ModelConfig model;

    public RerankFunctions(RequestValidator validator, DocumentScoring scoring, ModelConfig model) {
        this.validator = validator;
        this.scoring = scoring;
        this.model = model;
    }

    @Funq("rerank")
    public Uni<RerankResponse> rerank(RerankRequest request) {
        long started = System.nanoTime();
        ValidatedRerank validated = validator.validate(request);
        return scoring.scoreSorted(validated, request == null ? null : request.documents())
                .map(results -> new RerankResponse(results, model.model(), validated.instruction(), elapsedMs(started)));
    }

    @Funq("score")
    public Uni<ScoreResponse> score(ScoreRequest request) {
        long started = System.nanoTime();
        ValidatedRerank validated = validator.validate(request);
        return scoring.scoreSorted(validated, null).map(results -> {
            RerankResult only = results.get(0);
            return new ScoreResponse(only.score(), only.band(), only.subScores(), only.flags(), only.consistency(),
                    model.model(), validated.instruction(), elapsedMs(started));
        });
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
