package ai.lychee.rerank.worker.mm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The Qwen2 language model under Qwen2.5-VL: RMSNorm, grouped-query attention with multimodal rotary
 * positions (sections of the head dimension follow time, height and width), SwiGLU, and the head applied
 * to the last position only, since a reranker reads one next-token distribution. A prefix can be run once and its
 * keys and values reused by many continuations ({@link #prefill}, {@link #lastHiddenAfter}).
 */
public final class TextDecoder {

    private static final float MASKED = -1e30f;

    private record Layer(NDArray inputNorm, NDArray postNorm, NDArray qW, NDArray qB, NDArray kW, NDArray kB,
                         NDArray vW, NDArray vB, NDArray oW, NDArray gateW, NDArray upW, NDArray downW) {
    }

    private final QwenVlConfig config;
    private final NDManager manager;
    private final DataType dtype;
    private final NDArray embedTokens;
    private final List<Layer> layers = new ArrayList<>();
    private final NDArray norm;
    private final NDArray lmHead;
    private final float[] invFreq;

    TextDecoder(QwenVlConfig c, TensorLoader w, NDManager manager, DataType dtype) {
        this.config = c;
        this.manager = manager;
        this.dtype = dtype;
        long h = c.hiddenSize();
        long hd = c.headDim();
        long kv = hd * c.numKvHeads();
        long q = hd * c.numHeads();
        long i = c.intermediateSize();
        embedTokens = w.load("model.embed_tokens.weight", c.vocabSize(), h);
        for (int l = 0; l < c.numLayers(); l++) {
            String p = "model.layers." + l + ".";
            layers.add(new Layer(
                    w.load(p + "input_layernorm.weight", h),
                    w.load(p + "post_attention_layernorm.weight", h),
                    w.load(p + "self_attn.q_proj.weight", q, h), w.load(p + "self_attn.q_proj.bias", q),
                    w.load(p + "self_attn.k_proj.weight", kv, h), w.load(p + "self_attn.k_proj.bias", kv),
                    w.load(p + "self_attn.v_proj.weight", kv, h), w.load(p + "self_attn.v_proj.bias", kv),
                    w.load(p + "self_attn.o_proj.weight", h, q),
                    w.load(p + "mlp.gate_proj.weight", i, h), w.load(p + "mlp.up_proj.weight", i, h),
                    w.load(p + "mlp.down_proj.weight", h, i)));
        }
        norm = w.load("model.norm.weight", h);
        if (w.has("lm_head.weight")) {
            lmHead = w.load("lm_head.weight", c.vocabSize(), h);
        } else if (c.tieWordEmbeddings()) {
            lmHead = embedTokens;
        } else {
            throw new ModelFilesException("Tensor lm_head.weight is missing and config.json does not tie word embeddings");
        }
        int half = (int) hd / 2;
        invFreq = new float[half];
        for (int j = 0; j < half; j++) {
            invFreq[j] = (float) (1.0 / Math.pow(c.ropeTheta(), (2.0 * j) / hd));
        }
    }

    /** Token embeddings for [B, L] ids. */
    NDArray embed(long[] ids, int batch, int length) {
        NDArray idx = manager.create(ids);
        return embedTokens.get(new NDIndex("{}", idx)).reshape(batch, length, config.hiddenSize());
    }

    /**
     * The final-norm hidden state at the last position of every row.
     *
     * @param embeds    [B, L, hidden], images already in place
     * @param positions [B][3][L] M-RoPE positions
     * @param attended  [B][L] true for real tokens, false for left padding
     */
    NDArray lastHidden(NDArray embeds, long[][][] positions, boolean[][] attended) {
        NDArray x = layers(embeds, rotary(positions), causalMask(attended, 0), null, null);
        return finalNorm(x);
    }

    /**
     * Runs a prefix (one unpadded sequence, [1, P, hidden]) and keeps every layer's keys and values for the
     * continuations that follow it. The keys and values outlive the caller's NDScope; close the cache.
     */
    PrefixCache prefill(NDArray embeds, long[][] positions) {
        int length = positions[0].length;
        boolean[][] attended = new boolean[1][length];
        java.util.Arrays.fill(attended[0], true);
        NDArray[][] kept = new NDArray[2][layers.size()];
        layers(embeds, rotary(new long[][][] {positions}), causalMask(attended, 0), null, kept);
        for (NDArray[] perLayer : kept) {
            ai.djl.ndarray.NDScope.unregister(perLayer);
        }
        return new PrefixCache(kept[0], kept[1], length);
    }

    /**
     * The final-norm hidden state at the last position of every continuation of {@code prefix}: each row sees the
     * whole prefix, then its own tokens causally. Rows are left-padded within the continuation part only.
     *
     * @param embeds    [B, S, hidden]
     * @param positions [B][3][S], continuing the prefix's M-RoPE positions
     * @param attended  [B][S] true for real tokens
     */
    NDArray lastHiddenAfter(PrefixCache prefix, NDArray embeds, long[][][] positions, boolean[][] attended) {
        NDArray x = layers(embeds, rotary(positions), causalMask(attended, prefix.length()), prefix, null);
        return finalNorm(x);
    }

    /** A prefix's keys and values per layer, [1, kv_heads, P, head_dim], rotary already applied. */
    record PrefixCache(NDArray[] keys, NDArray[] values, int length) implements AutoCloseable {
        @Override
        public void close() {
            for (int l = 0; l < keys.length; l++) {
                keys[l].close();
                values[l].close();
            }
        }
    }

    private NDArray layers(NDArray embeds, NDArray[] cosSin, NDArray mask, PrefixCache past, NDArray[][] keep) {
        long batch = embeds.getShape().get(0);
        long length = embeds.getShape().get(1);
        NDArray x = embeds;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            NDArray input = x;
            int index = l;
            NDArray[] out = Scopes.keep(() -> layer(layer, input, cosSin, mask, past, index, batch, length));
            if (l > 0) {
                input.close(); // the previous layer's output: nothing reads it again
            }
            x = out[0];
            if (keep != null) {
                keep[0][l] = out[1];
                keep[1][l] = out[2];
            } else {
                out[1].close(); // no continuation will read this layer's keys and values
                out[2].close();
            }
        }
        return x;
    }

    /** One decoder layer: the new hidden state, and this layer's keys and values of the new tokens. */
    private NDArray[] layer(Layer layer, NDArray x, NDArray[] cosSin, NDArray mask, PrefixCache past, int l,
                            long batch, long length) {
        int heads = config.numHeads();
        int kvHeads = config.numKvHeads();
        int hd = config.headDim();
        NDArray y = Ops.rmsNorm(x, layer.inputNorm(), config.rmsNormEps());
        NDArray q = Ops.linear(y, layer.qW(), layer.qB()).reshape(batch, length, heads, hd).swapAxes(1, 2);
        NDArray k = Ops.linear(y, layer.kW(), layer.kB()).reshape(batch, length, kvHeads, hd).swapAxes(1, 2);
        NDArray v = Ops.linear(y, layer.vW(), layer.vB()).reshape(batch, length, kvHeads, hd).swapAxes(1, 2);
        q = Ops.applyRotary(q, cosSin[0], cosSin[1]);
        k = Ops.applyRotary(k, cosSin[0], cosSin[1]);
        NDArray newK = k;
        NDArray newV = v;
        if (past != null) {
            NDArray pastK = batch == 1 ? past.keys()[l] : past.keys()[l].repeat(0, batch);
            NDArray pastV = batch == 1 ? past.values()[l] : past.values()[l].repeat(0, batch);
            k = pastK.concat(k, 2);
            v = pastV.concat(v, 2);
        }
        if (heads != kvHeads) {
            k = k.repeat(1, heads / kvHeads);
            v = v.repeat(1, heads / kvHeads);
        }
        NDArray attn = Ops.attention(q, k, v, mask).swapAxes(1, 2).reshape(batch, length, (long) heads * hd);
        NDArray h = x.add(Ops.linear(attn, layer.oW(), null));
        NDArray z = Ops.rmsNorm(h, layer.postNorm(), config.rmsNormEps());
        NDArray act = Ops.silu(Ops.linear(z, layer.gateW(), null)).mul(Ops.linear(z, layer.upW(), null));
        return new NDArray[] {h.add(Ops.linear(act, layer.downW(), null)), newK, newV};
    }

    private NDArray finalNorm(NDArray x) {
        NDArray last = x.get(new NDIndex(":, -1, :"));
        return Ops.rmsNorm(last, norm, config.rmsNormEps());
    }

    /** Logits over the whole vocabulary for [B, hidden] states. */
    NDArray logits(NDArray hidden) {
        return Ops.linear(hidden, lmHead, null);
    }

    /** Logits for the given token rows only (yes/no), cheaper than the whole vocabulary. */
    NDArray logits(NDArray hidden, long... tokenIds) {
        NDArray rows = lmHead.get(new NDIndex("{}", manager.create(tokenIds)));
        return Ops.linear(hidden, rows, null);
    }

    /** cos and sin [B, 1, L, head_dim]; each frequency slot reads the axis its mrope section names. */
    private NDArray[] rotary(long[][][] positions) {
        int batch = positions.length;
        int length = positions[0][0].length;
        int hd = config.headDim();
        int half = hd / 2;
        int[] axisOfSlot = new int[half];
        int[] section = config.mropeSection();
        int slot = 0;
        for (int axis = 0; axis < 3; axis++) {
            for (int s = 0; s < section[axis]; s++) {
                axisOfSlot[slot++] = axis;
            }
        }
        float[] cos = new float[batch * length * hd];
        float[] sin = new float[batch * length * hd];
        for (int b = 0; b < batch; b++) {
            for (int l = 0; l < length; l++) {
                int base = (b * length + l) * hd;
                for (int j = 0; j < half; j++) {
                    float angle = (float) positions[b][axisOfSlot[j]][l] * invFreq[j];
                    float c = (float) Math.cos(angle);
                    float s = (float) Math.sin(angle);
                    cos[base + j] = c;
                    cos[base + half + j] = c;
                    sin[base + j] = s;
                    sin[base + half + j] = s;
                }
            }
        }
        Shape shape = new Shape(batch, 1, length, hd);
        return new NDArray[] {
            manager.create(cos, shape).toType(dtype, false), manager.create(sin, shape).toType(dtype, false)};
    }

    /**
     * Causal and padding mask [B, 1, L, P + L] for L new tokens after P cached prefix tokens: a query sees the whole
     * prefix and the earlier real tokens of its own row.
     */
    private NDArray causalMask(boolean[][] attended, int prefix) {
        int batch = attended.length;
        int length = attended[0].length;
        int width = prefix + length;
        float[] mask = new float[batch * length * width];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < length; i++) {
                int row = (b * length + i) * width;
                for (int j = 0; j < length; j++) {
                    boolean visible = j <= i && attended[b][j];
                    mask[row + prefix + j] = visible ? 0f : MASKED;
                }
            }
        }
        return manager.create(mask, new Shape(batch, 1, length, width));
    }
}
