package ai.lychee.rerank.worker.image;

import java.util.List;

/**
 * The image side of a (query, document) judgement, for the CPU scorer: the image sub-score and the quality flags.
 * <ul>
 *   <li>text query, image document: the best of its OCR text judged by the text model and its visual words;</li>
 *   <li>image query, image document: image-to-image similarity, or the evidence of one matched to the other;</li>
 *   <li>image query, text document: the document text judged against the query image's evidence.</li>
 * </ul>
 * Kept out of the text scorer so the text path stays as it is; the scorer calls it only when an image is present.
 */
public final class ImageRelevance {
    /** A list of object words is thinner evidence than a sentence about the picture. */
    private static final double DESCRIPTION_WEIGHT = 0.9;

    private final ImageEvidenceExtractor extractor;
    private final TextRelevance text;

    public ImageRelevance(ImageEvidenceExtractor extractor, TextRelevance text) {
        this.extractor = extractor;
        this.text = text;
    }

    /**
     * How well an image answers a text query. Text read from the image is judged exactly as the same text typed
     * (no discount): a screenshot of an answer is that answer, and an image whose only content is a text scores as
     * that text.
     */
    public double textToImage(String instruction, String query, ImageEvidence image) {
        double visual = Math.max(VisualWordMatch.score(query, image), described(instruction, query, image));
        double ocr = image.hasText() ? text.relevance(instruction, query, image.ocrText()) : 0;
        return Math.max(visual, ocr);
    }

    /** How well a text document answers an image query (the same judgement, read the other way). */
    public double imageToText(String instruction, ImageEvidence queryImage, String document) {
        double visual = Math.max(VisualWordMatch.score(document, queryImage), described(instruction, document, queryImage));
        double ocr = queryImage.hasText() ? text.relevance(instruction, queryImage.ocrText(), document) : 0;
        return Math.max(visual, ocr);
    }

    /**
     * The text model's judgement of the text against what the labelers saw ("dog, grass, frisbee"): it hears
     * "puppy" in "dog" and "lawn" in "grass", which exact word matches miss. Only with labels: colours alone
     * say too little to be judged as a description.
     */
    private double described(String instruction, String textSide, ImageEvidence image) {
        if (image.labels().isEmpty() || textSide == null || textSide.isBlank()) {
            return 0;
        }
        return DESCRIPTION_WEIGHT * text.relevance(instruction, textSide, image.visualWords());
    }

    /** How well a document image answers a query image: the same picture scores high whatever its encoding. */
    public double imageToImage(ImageEvidence query, ImageEvidence document) {
        return extractor.similarity(query, document);
    }

    public static List<String> flags(ImageEvidence document) {
        return document.qualityFlags();
    }
}
