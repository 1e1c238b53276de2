package ai.lychee.rerank.worker.lite;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Turns one bucket of tokenized texts into bge sentence embeddings: pads to the bucket's longest text,
 * runs the model once, keeps the [CLS] vector of the last hidden state and L2-normalizes it (bge's pooling).
 */
final class EmbeddingTranslator implements NoBatchifyTranslator<Encoding[], float[][]> {

    private final boolean takesTokenTypes;

    EmbeddingTranslator(boolean takesTokenTypes) {
        this.takesTokenTypes = takesTokenTypes;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Encoding[] encodings) {
        int longest = 1;
        for (Encoding e : encodings) {
            longest = Math.max(longest, e.getIds().length);
        }
        long[] ids = new long[encodings.length * longest];
        long[] mask = new long[ids.length];
        for (int i = 0; i < encodings.length; i++) {
            long[] tokenIds = encodings[i].getIds();
            System.arraycopy(tokenIds, 0, ids, i * longest, tokenIds.length);
            java.util.Arrays.fill(mask, i * longest, i * longest + tokenIds.length, 1L);
        }
        NDManager manager = ctx.getNDManager();
        ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(encodings.length, longest);
        NDArray inputIds = manager.create(ids, shape);
        inputIds.setName("input_ids");
        NDArray attentionMask = manager.create(mask, shape);
        attentionMask.setName("attention_mask");
        if (!takesTokenTypes) {
            return new NDList(inputIds, attentionMask);
        }
        // single-segment input: every token type is 0
        NDArray tokenTypes = manager.zeros(shape, ai.djl.ndarray.types.DataType.INT64);
        tokenTypes.setName("token_type_ids");
        return new NDList(inputIds, attentionMask, tokenTypes);
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList output) {
        // [CLS] rows picked in Java from the whole last hidden state: no NDArray indexing, which DJL's ONNX Runtime
        // engine hands to another engine (PyTorch, when on the classpath) at the cost of a copy and its start-up
        NDArray hidden = output.get(0);
        ai.djl.ndarray.types.Shape shape = hidden.getShape();
        int rows = (int) shape.get(0);
        int tokens = (int) shape.get(1);
        int dims = (int) shape.get(2);
        float[] flat = hidden.toFloatArray();
        float[][] embeddings = new float[rows][];
        for (int r = 0; r < rows; r++) {
            int from = r * tokens * dims;
            embeddings[r] = Vectors.normalized(java.util.Arrays.copyOfRange(flat, from, from + dims));
        }
        return embeddings;
    }
}
