package ai.lychee.rerank.functions.validation;

import ai.lychee.rerank.functions.FunctionsConfig;
import ai.lychee.rerank.functions.api.ContentInput;
import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.api.ScoreRequest;
import ai.lychee.rerank.functions.api.FeedbackRequest;
import ai.lychee.rerank.functions.instructions.InstructionTemplates;
import ai.lychee.rerank.functions.metrics.BusinessLines;
import ai.lychee.rerank.functions.metrics.RequestLabels;
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
    private final BusinessLines businessLines;

    /** Outside CDI (the fuzzer): no business lines configured. */
    public RequestValidator(FunctionsConfig config, InstructionTemplates instructions, ContentResolver contents) {
        this(config, instructions, contents, new BusinessLines(List.of()));
    }

    @jakarta.inject.Inject
    public RequestValidator(FunctionsConfig config, InstructionTemplates instructions, ContentResolver contents,
                            BusinessLines businessLines) {
        this.config = config;
        this.instructions = instructions;
        this.contents = contents;
        this.businessLines = businessLines;
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
        Integer maxTokens = request.maxTokensPerDoc();
        if (maxTokens != null && maxTokens < 1) {
            throw InvalidRequestException.badRequest("max_tokens_per_doc",
                    "max_tokens_per_doc must be at least 1 (got " + maxTokens + ")");
        }
        boolean returnDocuments = Boolean.TRUE.equals(request.returnDocuments());
        return new ValidatedRerank(instruction, query, documents, topN, returnDocuments,
                labels(request.instruction(), request.businessLine()), maxTokens);
    }

    public ValidatedRerank validate(ScoreRequest request) {
        if (request == null) {
            throw InvalidRequestException.badRequest("body", "the request body is missing: send a JSON object");
        }
        String instruction = resolveInstruction(request.instruction());
        Content query = contents.resolve(request.query(), "query");
        Content document = contents.resolve(request.document(), "document");
        return new ValidatedRerank(instruction, query, List.of(document), 1, false,
                labels(request.instruction(), request.businessLine()), null);
    }

    /** Checks reported conversions: each a score in [0, 1], at most max-documents of them per call. */
    public RequestLabels validate(FeedbackRequest request) {
        if (request == null) {
            throw InvalidRequestException.badRequest("body", "the request body is missing: send a JSON object");
        }
        resolveInstruction(request.instruction());
        List<Double> converted = request.converted();
        if (converted == null || converted.isEmpty()) {
            throw InvalidRequestException.badRequest("converted",
                    "converted is missing or empty: give the scores of the results that converted, e.g. [0.62]");
        }
        if (converted.size() > config.maxDocuments()) {
            throw new InvalidRequestException(413, "converted", "converted has " + converted.size()
                    + " entries; the limit is " + config.maxDocuments() + " per call (lychee.functions.max-documents)");
        }
        for (int i = 0; i < converted.size(); i++) {
            Double score = converted.get(i);
            if (score == null || !(score >= 0 && score <= 1)) {
                throw InvalidRequestException.badRequest("converted[" + i + "]",
                        "converted[" + i + "] must be a score between 0 and 1 as the service returned it (got " + score + ")");
            }
        }
        return labels(request.instruction(), request.businessLine());
    }

    private RequestLabels labels(String instruction, String businessLine) {
        if (businessLine != null && businessLine.length() > 200) {
            throw InvalidRequestException.badRequest("business_line", "business_line has " + businessLine.length()
                    + " characters; a business line is a short name (at most 200)");
        }
        return new RequestLabels(instructions.label(instruction), businessLines.label(businessLine));
    }

    private String resolveInstruction(String requested) {
        if (requested != null && requested.length() > config.maxTextChars()) {
            throw new InvalidRequestException(413, "instruction", "instruction has " + requested.length()
                    + " characters; the limit is " + config.maxTextChars());
        }
        return instructions.resolve(requested);
    }
}
