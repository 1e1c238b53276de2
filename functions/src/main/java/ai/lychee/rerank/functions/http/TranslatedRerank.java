package ai.lychee.rerank.functions.http;

import ai.lychee.rerank.functions.RerankFunctions;
import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.api.RerankResponse;
import ai.lychee.rerank.functions.validation.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.UnaryOperator;

/**
 * Runs a rerank translated from another API's request (Cohere, Jina, vLLM, TEI) through our rerank function, and
 * names the field at fault the way that API's client sent it ({@code texts[3]}, {@code documents[1].content[0]
 * .image_url.url}), whether validation refuses it at once or the worker refuses it later.
 */
@ApplicationScoped
public class TranslatedRerank {

    private final RerankFunctions functions;

    public TranslatedRerank(RerankFunctions functions) {
        this.functions = functions;
    }

    /** @param clientField maps a field as our validation names it to the client's path for it */
    public Uni<RerankResponse> rerank(RerankRequest ours, UnaryOperator<String> clientField) {
        try {
            return functions.rerank(ours)
                    .onFailure(InvalidRequestException.class)
                    .transform(e -> renamed((InvalidRequestException) e, clientField));
        } catch (InvalidRequestException e) {
            throw renamed(e, clientField);
        }
    }

    static InvalidRequestException renamed(InvalidRequestException e, UnaryOperator<String> clientField) {
        String ours = e.field();
        String theirs = ours == null ? null : clientField.apply(ours);
        if (theirs == null || theirs.equals(ours)) {
            return e;
        }
        String detail = e.getMessage() == null ? theirs : e.getMessage().replace(ours, theirs);
        return new InvalidRequestException(e.status(), theirs, detail);
    }
}
