package ai.lychee.rerank.functions;

import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.api.RerankResponse;
import ai.lychee.rerank.functions.api.RerankResult;
import ai.lychee.rerank.functions.api.ScoreRequest;
import ai.lychee.rerank.functions.api.ScoreResponse;
import ai.lychee.rerank.functions.metrics.StageTimers;
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
    private final StageTimers stages;

    public RerankFunctions(RequestValidator validator, DocumentScoring scoring, ModelConfig model, StageTimers stages) {
        this.validator = validator;
        this.scoring = scoring;
        this.model = model;
        this.stages = stages;
    }

    @Funq("rerank")
    public Uni<RerankResponse> rerank(RerankRequest request) {
        long started = System.nanoTime();
        ValidatedRerank validated = validator.validate(request);
        stages.since(StageTimers.VALIDATE, started);
        return scoring.scoreSorted(validated, request == null ? null : request.documents())
                .map(ranking -> {
                    stages.since(StageTimers.TOTAL, started);
                    return new RerankResponse(ranking.results(), model.model(), validated.instruction(),
                            elapsedMs(started), ranking.usage());
                });
    }

    @Funq("score")
    public Uni<ScoreResponse> score(ScoreRequest request) {
        long started = System.nanoTime();
        ValidatedRerank validated = validator.validate(request);
        stages.since(StageTimers.VALIDATE, started);
        return scoring.scoreSorted(validated, null).map(ranking -> {
            stages.since(StageTimers.TOTAL, started);
            RerankResult only = ranking.results().get(0);
            return new ScoreResponse(only.score(), only.band(), only.subScores(), only.flags(), only.consistency(),
                    model.model(), validated.instruction(), elapsedMs(started), ranking.usage());
        });
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
