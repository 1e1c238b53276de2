package ai.lychee.rerank.worker.lite;

/**
 * The two bundled models: quantized bge-small v1.5, whose ONNX and tokenizer files sit at the root of the
 * langchain4j Maven jars (dev.langchain4j:langchain4j-embeddings-bge-small-{zh,en}-v15-q).
 */
public enum BgeModel {
    ZH("bge-small-zh-v1.5-q.onnx", "bge-small-zh-v1.5-q-tokenizer.json", "为这个句子生成表示以用于检索相关文章："),
    EN("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json",
            "Represent this sentence for searching relevant passages: ");

    /** bge-small's position window. */
    public static final int WINDOW = 512;

    private final String onnxResource;
    private final String tokenizerResource;
    private final String queryInstruction;

    BgeModel(String onnxResource, String tokenizerResource, String queryInstruction) {
        this.onnxResource = onnxResource;
        this.tokenizerResource = tokenizerResource;
        this.queryInstruction = queryInstruction;
    }

    public String onnxResource() {
        return onnxResource;
    }

    public String tokenizerResource() {
        return tokenizerResource;
    }

    /** The instruction bge was trained with for short retrieval queries. */
    public String queryInstruction() {
        return queryInstruction;
    }

    /** The model a pair goes to by default: bge-small-zh when its query or document holds CJK text, else bge-small-en. */
    public static BgeModel byScript(String query, String document) {
        return Scripts.hasCjk(query) || Scripts.hasCjk(document) ? ZH : EN;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
