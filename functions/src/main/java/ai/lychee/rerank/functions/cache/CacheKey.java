package ai.lychee.rerank.functions.cache;

/** What a cached score depends on: the model, the instruction, the query and the document content. */
public record CacheKey(String model, String instructionDigest, String queryDigest, String documentDigest) {

    /** The flat form used where keys must be strings (Redis). */
    public String asString() {
        return model + ':' + instructionDigest + ':' + queryDigest + ':' + documentDigest;
    }
}
