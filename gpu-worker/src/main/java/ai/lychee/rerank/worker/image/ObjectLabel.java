package ai.lychee.rerank.worker.image;

/** Something a labeler saw in an image, in English and (where we have it) Chinese, with its confidence. */
public record ObjectLabel(String en, String zh, double confidence) {
}
