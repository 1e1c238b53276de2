package ai.lychee.rerank.worker.mm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;

/**
 * Qwen2.5-VL's vision tower: patch embedding (the Conv3d with stride = kernel, done as one matmul),
 * 2D rotary positions, blocks that attend within windows of 4x4 merged tokens except the full-attention
 * ones, and the merger that folds each 2x2 unit into one language-model token.
 */
public final class VisionEncoder {

    private static final float MASKED = -1e30f;

    private record Block(NDArray norm1, NDArray norm2, NDArray qkvW, NDArray qkvB, NDArray projW, NDArray projB,
                         NDArray gateW, NDArray gateB, NDArray upW, NDArray upB, NDArray downW, NDArray downB) {
    }

    private final QwenVlConfig.Vision config;
    private final NDManager manager;
    private final DataType dtype;
    private final NDArray patchWeight;
    private final List<Block> blocks = new ArrayList<>();
    private final NDArray lnQ;
    private final NDArray mlp0W;
    private final NDArray mlp0B;
    private final NDArray mlp2W;
    private final NDArray mlp2B;

    VisionEncoder(QwenVlConfig.Vision c, TensorLoader w, NDManager manager, DataType dtype) {
        this.config = c;
        this.manager = manager;
        this.dtype = dtype;
        int h = c.hiddenSize();
        int i = c.intermediateSize();
        int patchIn = c.inChannels() * c.temporalPatchSize() * c.patchSize() * c.patchSize();
        patchWeight = w.load("visual.patch_embed.proj.weight",
                h, c.inChannels(), c.temporalPatchSize(), c.patchSize(), c.patchSize()).reshape(h, patchIn);
        for (int b = 0; b < c.depth(); b++) {
            String p = "visual.blocks." + b + ".";
            blocks.add(new Block(
                    w.load(p + "norm1.weight", h), w.load(p + "norm2.weight", h),
                    w.load(p + "attn.qkv.weight", 3L * h, h), w.load(p + "attn.qkv.bias", 3L * h),
                    w.load(p + "attn.proj.weight", h, h), w.load(p + "attn.proj.bias", h),
                    w.load(p + "mlp.gate_proj.weight", i, h), w.load(p + "mlp.gate_proj.bias", i),
                    w.load(p + "mlp.up_proj.weight", i, h), w.load(p + "mlp.up_proj.bias", i),
                    w.load(p + "mlp.down_proj.weight", h, i), w.load(p + "mlp.down_proj.bias", h)));
        }
        int unit = c.spatialMergeSize() * c.spatialMergeSize();
        long merged = (long) h * unit;
        lnQ = w.load("visual.merger.ln_q.weight", h);
        mlp0W = w.load("visual.merger.mlp.0.weight", merged, merged);
        mlp0B = w.load("visual.merger.mlp.0.bias", merged);
        mlp2W = w.load("visual.merger.mlp.2.weight", c.outHiddenSize(), merged);
        mlp2B = w.load("visual.merger.mlp.2.bias", c.outHiddenSize());
    }

    /** One image's merged embeddings, [tokens, out_hidden], rows in the image's token order. */
    public NDArray encode(ProcessedImage image) {
        int m = config.spatialMergeSize();
        int unit = m * m;
        int n = image.patches();
        int hidden = config.hiddenSize();
        if (image.gridH() % m != 0 || image.gridW() % m != 0) {
            throw new IllegalArgumentException("image grid " + image.gridH() + "x" + image.gridW()
                    + " is not a multiple of the merge size " + m);
        }
        Windows windows = Windows.of(image, m, config.windowSize() / m / config.patchSize());

        NDArray pixels = manager.create(image.pixelValues(), new Shape(n, patchWeight.getShape().get(1)))
                .toType(dtype, false);
        NDArray x = pixels.matMul(patchWeight.transpose());
        NDArray order = manager.create(windows.index());
        x = x.reshape(n / unit, unit, hidden).get(new NDIndex("{}", order)).reshape(n, hidden);

        float[][] cosSin = rotary(image, windows.index());
        int hd = config.headDim();
        NDArray cos = manager.create(cosSin[0], new Shape(n, 1, hd));
        NDArray sin = manager.create(cosSin[1], new Shape(n, 1, hd));
        NDArray windowMask = segmentMask(windows.windowSegments());
        NDArray fullMask = segmentMask(windows.frameSegments());

        for (int b = 0; b < blocks.size(); b++) {
            Block blk = blocks.get(b);
            NDArray mask = isFullAttention(b) ? fullMask : windowMask;
            NDArray input = x;
            x = Scopes.keepOne(() -> {
                NDArray h = input.add(attention(blk, Ops.rmsNorm(input, blk.norm1(), 1e-6), cos, sin, mask));
                NDArray y = Ops.rmsNorm(h, blk.norm2(), 1e-6);
                NDArray act = Ops.silu(Ops.linear(y, blk.gateW(), blk.gateB())).mul(Ops.linear(y, blk.upW(), blk.upB()));
                return h.add(Ops.linear(act, blk.downW(), blk.downB()));
            });
            input.close(); // the previous block's output (or the patch embedding): nothing reads it again
        }
        NDArray merged = Ops.rmsNorm(x, lnQ, 1e-6).reshape(n / unit, (long) hidden * unit);
        merged = Ops.linear(Activation.gelu(Ops.linear(merged, mlp0W, mlp0B)), mlp2W, mlp2B);
        NDArray reverse = manager.create(windows.reverse());
        return merged.get(new NDIndex("{}", reverse));
    }

    private boolean isFullAttention(int block) {
        for (int f : config.fullAttentionBlocks()) {
            if (f == block) {
                return true;
            }
        }
        return false;
    }

    private NDArray attention(Block blk, NDArray x, NDArray cos, NDArray sin, NDArray mask) {
        long n = x.getShape().get(0);
        int heads = config.numHeads();
        int hd = config.headDim();
        NDArray qkv = Ops.linear(x, blk.qkvW(), blk.qkvB()).reshape(n, 3, heads, hd);
        NDArray q = qkv.get(new NDIndex(":, 0"));
        NDArray k = qkv.get(new NDIndex(":, 1"));
        NDArray v = qkv.get(new NDIndex(":, 2"));
        // rotary in fp32, as the reference does, then back to the model's type
        q = Ops.applyRotary(q.toType(DataType.FLOAT32, false), cos, sin).toType(dtype, false);
        k = Ops.applyRotary(k.toType(DataType.FLOAT32, false), cos, sin).toType(dtype, false);
        NDArray out = Ops.attention(q.swapAxes(0, 1), k.swapAxes(0, 1), v.swapAxes(0, 1), mask);
        out = out.swapAxes(0, 1).reshape(n, (long) heads * hd);
        return Ops.linear(out, blk.projW(), blk.projB());
    }

    /** cos and sin of the 2D rotary angles (height half, width half), rows in window order. */
    private float[][] rotary(ProcessedImage image, long[] windowIndex) {
        int m = config.spatialMergeSize();
        int unit = m * m;
        int hd = config.headDim();
        int rotaryDim = hd / 2;
        int freqs = rotaryDim / 2;
        float[] inv = new float[freqs];
        for (int j = 0; j < freqs; j++) {
            inv[j] = (float) (1.0 / Math.pow(10000.0, (2.0 * j) / rotaryDim));
        }
        int n = image.patches();
        float[] cos = new float[n * hd];
        float[] sin = new float[n * hd];
        int perFrameW = image.gridW() / m;
        int perFrame = (image.gridH() / m) * perFrameW;
        for (int row = 0; row < n; row++) {
            long group = windowIndex[row / unit];
            int within = row % unit;
            int inFrame = (int) (group % perFrame);
            int hPos = (inFrame / perFrameW) * m + within / m;
            int wPos = (inFrame % perFrameW) * m + within % m;
            for (int j = 0; j < freqs; j++) {
                float ah = hPos * inv[j];
                float aw = wPos * inv[j];
                int base = row * hd;
                cos[base + j] = (float) Math.cos(ah);
                cos[base + freqs + j] = (float) Math.cos(aw);
                sin[base + j] = (float) Math.sin(ah);
                sin[base + freqs + j] = (float) Math.sin(aw);
                cos[base + rotaryDim + j] = cos[base + j];
                cos[base + rotaryDim + freqs + j] = cos[base + freqs + j];
                sin[base + rotaryDim + j] = sin[base + j];
                sin[base + rotaryDim + freqs + j] = sin[base + freqs + j];
            }
        }
        return new float[][] {cos, sin};
    }

    /** 0 where two patches share a segment, a large negative number elsewhere. */
    private NDArray segmentMask(int[] segments) {
        NDArray seg = manager.create(segments);
        NDArray same = seg.reshape(-1, 1).eq(seg.reshape(1, -1)).toType(DataType.FLOAT32, false);
        return same.sub(1).mul(-MASKED).reshape(1, segments.length, segments.length);
    }
}
