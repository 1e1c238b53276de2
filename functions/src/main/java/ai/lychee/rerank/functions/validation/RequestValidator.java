package ai.lychee.rerank.functions.validation;

import ai.lychee.rerank.functions.FunctionsConfig;
import ai.lychee.rerank.functions.api.ContentInput;
import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.api.ScoreRequest;
import ai.lychee.rerank.functions.instructions.InstructionTemplates;
import ai.lychee.rerank.protocol.Content;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Checks a request field by field and resolves it into what the worker needs; the first fault wins. */
@ApplicationScoped
public class RequestValidator {

    private final FunctionsConfig config;
    private final InstructionTemplates instructions;
    private final ContentResolver contents;

    public RequestValidator(FunctionsConfig config, InstructionTemplates instructions, ContentResolver contents) {
        this.config = config;
        this.instructions = instructions;
        this.contents = contents;
    }

    public ValidatedRerank validate(RerankRequest request) {
        if (request == null) {
            throw InvalidRequestException.badRequest("body", "the request body is missing: send a JSON object");
        }
        String instruction = resolveInstruction(request.instruction());
        Content query = contents.resolve(request.query(), "query");
        List<ContentInput> inputs = request.documents();
        if (inputs == null) {
            throw InvalidRequestException.badRequest("documents", "documents is missing: give a list of documents");
        }
        if (inputs.isEmpty()) {
            throw InvalidRequestException.badRequest("documents", "documents is empty: give at least one document");
        }
        if (inputs.size() > config.maxDocuments()) {
            throw new InvalidRequestException(413, "documents", "documents has " + inputs.size()
                    + " entries; the limit is " + config.maxDocuments() + " (lychee.functions.max-documents)");
        }
        List<Content> documents = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            documents.add(contents.resolve(inputs.get(i), "documents[" + i + "]"));
        }
        int topN = inputs.size();
        if (request.topN() != null) {
            if (request.topN() < 1) {
                throw InvalidRequestException.badRequest("top_n", "top_n must be at least 1 (got " + request.topN() + ")");
            }
            topN = Math.min(request.topN(), inputs.size());
        }
        boolean returnDocuments = Boolean.TRUE.equals(request.returnDocuments());
        return new ValidatedRerank(instruction, query, documents, topN, returnDocuments);
    }

    public ValidatedRerank validate(ScoreRequest request) {
        if (request == null) {
            throw InvalidRequestException.badRequest("body", "the request body is missing: send a JSON object");
        }
        String instruction = resolveInstruction(request.instruction());
        Content query = contents.resolve(request.query(), "query");
        Content document = contents.resolve(request.document(), "document");
        return new ValidatedRerank(instruction, query, List.of(document), 1, false);
    }

    private String resolveInstruction(String requested) {
        if (requested != null && requested.length() > config.maxTextChars()) {
            throw new InvalidRequestException(413, "instruction", "instruction has " + requested.length()
                    + " characters; the limit is " + config.maxTextChars());
        }
        return instructions.resolve(requested);
    }
}
