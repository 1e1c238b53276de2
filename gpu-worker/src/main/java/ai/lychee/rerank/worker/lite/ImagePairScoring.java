package ai.lychee.rerank.worker.lite;

import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.protocol.DocumentScore;
import ai.lychee.rerank.worker.InvalidPairException;
import ai.lychee.rerank.worker.ScoringPair;
import ai.lychee.rerank.worker.image.ImageEvidence;
import ai.lychee.rerank.worker.image.ImageEvidenceExtractor;
import ai.lychee.rerank.worker.image.ImageRejectedException;
import ai.lychee.rerank.worker.image.ImageRelevance;
import ai.lychee.rerank.worker.image.ScoreCombination;
import ai.lychee.rerank.worker.image.TextRelevance;
import java.util.ArrayList;
import java.util.List;

/**
 * The lite scorer's judgement of a pair that carries an image on either side. The document's text and
 * image are judged separately against the query (text by the text model, image by its evidence: OCR
 * text, visual words, or image-to-image similarity for an image query) and joined by
 * {@link ScoreCombination}, which also reports the sub-scores and the image-text consistency. A picture
 * of which nothing could be read says nothing, so beside text it neither lowers the score nor splits.
 */
final class ImagePairScoring {

    private final ImageEvidenceExtractor extractor;
    private final ImageRelevance relevance;
    private final TextRelevance text;

    ImagePairScoring(ImageEvidenceExtractor extractor, TextRelevance text) {
        this.extractor = extractor;
        this.relevance = new ImageRelevance(extractor, text);
        this.text = text;
    }

    /** @param index the pair's place in its batch, named when one of its images is unusable */
    DocumentScore score(ScoringPair pair, int index) {
        Content query = pair.query();
        Content document = pair.document();
        ImageEvidence queryImage = query.hasImage() ? evidence(query, index, true) : null;
        ImageEvidence documentImage = document.hasImage() ? evidence(document, index, false) : null;
        String instruction = pair.instruction();

        Double textScore = null;
        if (document.hasText()) {
            textScore = query.hasText()
                    ? text.relevance(instruction, query.text(), document.text())
                    : relevance.imageToText(instruction, queryImage, document.text());
        }
        Double imageScore = null;
        List<String> flags = new ArrayList<>();
        if (documentImage != null) {
            double best = 0;
            if (queryImage != null) {
                best = relevance.imageToImage(queryImage, documentImage);
            }
            if (query.hasText()) {
                best = Math.max(best, relevance.textToImage(instruction, query.text(), documentImage));
            }
            imageScore = best;
            flags.addAll(ImageRelevance.flags(documentImage));
            if (textScore != null && !speaksToTheQuery(queryImage, documentImage, best)) {
                // Nothing the picture shows was read (no text, no labels, no colour the query names): that is
                // no evidence, not evidence against, so the text decides and no consistency verdict is given.
                imageScore = null;
            }
        }
        return ScoreCombination.of(textScore, imageScore, flags);
    }

    private static boolean speaksToTheQuery(ImageEvidence queryImage, ImageEvidence documentImage, double imageScore) {
        return queryImage != null || documentImage.hasText() || !documentImage.labels().isEmpty() || imageScore > 0;
    }

    private ImageEvidence evidence(Content content, int index, boolean query) {
        try {
            return extractor.extract(content.image(), content.imageDigest());
        } catch (ImageRejectedException e) {
            String side = query ? "the query image" : "the document image";
            throw new InvalidPairException(index, query, side + " is unusable: " + e.getMessage(), e.status());
        }
    }
}
