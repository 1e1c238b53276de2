package ai.lychee.rerank.worker.mm;

/** The relevance score: probability of "yes" in a softmax over the "yes" and "no" logits. */
public final class YesNoScore {

    private YesNoScore() {
    }

    public static double of(double yesLogit, double noLogit) {
        // softmax over two = logistic of the difference; stable for large gaps
        return 1.0 / (1.0 + Math.exp(noLogit - yesLogit));
    }
}
