package ai.lychee.rerank.worker.mm.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The published dimensions of Qwen2.5-VL-3B-Instruct and -7B-Instruct (their config.json; lychee-rerank-mm is tuned
 * from the 7B and has its dimensions), optionally cut in depth. Every other dimension stays real.
 */
public record QwenVlLayout(String name, int vocab, int hidden, int intermediate, int layers, int heads, int kvHeads,
                           boolean tied, int visionDepth, int[] fullAttentionBlocks, int realLayers, int realVisionDepth) {

    static final int VISION_HIDDEN = 1280;
    static final int VISION_INTERMEDIATE = 3420;
    static final int VISION_HEADS = 16;
    static final int PATCH = 14;
    static final int TEMPORAL_PATCH = 2;
    static final int MERGE = 2;
    static final int WINDOW = 112;
    static final int[] MROPE_SECTION = {16, 24, 24};
    static final int[] FULL_ATTENTION = {7, 15, 23, 31};
    /** Qwen2's special token ids, shared by both sizes. */
    static final int END_OF_TEXT = 151643;
    static final int IM_START = 151644;
    static final int IM_END = 151645;
    static final int VISION_START = 151652;
    static final int VISION_END = 151653;
    static final int VISION_PAD = 151654;
    static final int IMAGE_PAD = 151655;
    static final int VIDEO_PAD = 151656;

    public static QwenVlLayout of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "3b" -> new QwenVlLayout("3b", 151936, 2048, 11008, 36, 16, 2, true, 32, FULL_ATTENTION, 36, 32);
            case "7b" -> new QwenVlLayout("7b", 152064, 3584, 18944, 28, 28, 4, false, 32, FULL_ATTENTION, 28, 32);
            default -> throw new IllegalArgumentException("--config must be 3b or 7b, not " + name);
        };
    }

    /**
     * The same widths with {@code n} decoder layers and {@code n} vision blocks (the full-attention blocks below
     * {@code n} kept, and the last block full-attention when none is).
     */
    public QwenVlLayout withLayers(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--layers must be at least 1");
        }
        int decoder = Math.min(n, realLayers);
        int vision = Math.min(n, realVisionDepth);
        int[] full = Arrays.stream(FULL_ATTENTION).filter(b -> b < vision).toArray();
        if (full.length == 0) {
            full = new int[] {vision - 1};
        }
        return new QwenVlLayout(name, vocab, hidden, intermediate, decoder, heads, kvHeads, tied, vision, full,
                realLayers, realVisionDepth);
    }

    public boolean fullDepth() {
        return layers == realLayers && visionDepth == realVisionDepth;
    }

    public int headDim() {
        return hidden / heads;
    }

    /** A tensor of the checkpoint: its name in the original release's spelling and its shape. */
    public record Tensor(String name, long... shape) {
        public long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        /** Norm weights start at one, as a fresh model's do; everything else is random. */
        boolean isNorm() {
            return name.endsWith("norm.weight") || name.endsWith("norm1.weight") || name.endsWith("norm2.weight")
                    || name.endsWith("ln_q.weight");
        }
    }

    /** Every tensor, in the order the released shards hold them (vision tower, then language model, then head). */
    public List<Tensor> tensors() {
        List<Tensor> t = new ArrayList<>();
        int h = VISION_HIDDEN;
        int i = VISION_INTERMEDIATE;
        t.add(new Tensor("visual.patch_embed.proj.weight", h, 3, TEMPORAL_PATCH, PATCH, PATCH));
        for (int b = 0; b < visionDepth; b++) {
            String p = "visual.blocks." + b + ".";
            t.add(new Tensor(p + "norm1.weight", h));
            t.add(new Tensor(p + "norm2.weight", h));
            t.add(new Tensor(p + "attn.qkv.weight", 3L * h, h));
            t.add(new Tensor(p + "attn.qkv.bias", 3L * h));
            t.add(new Tensor(p + "attn.proj.weight", h, h));
            t.add(new Tensor(p + "attn.proj.bias", h));
            t.add(new Tensor(p + "mlp.gate_proj.weight", i, h));
            t.add(new Tensor(p + "mlp.gate_proj.bias", i));
            t.add(new Tensor(p + "mlp.up_proj.weight", i, h));
            t.add(new Tensor(p + "mlp.up_proj.bias", i));
            t.add(new Tensor(p + "mlp.down_proj.weight", h, i));
            t.add(new Tensor(p + "mlp.down_proj.bias", h));
        }
        long merged = (long) h * MERGE * MERGE;
        t.add(new Tensor("visual.merger.ln_q.weight", h));
        t.add(new Tensor("visual.merger.mlp.0.weight", merged, merged));
        t.add(new Tensor("visual.merger.mlp.0.bias", merged));
        t.add(new Tensor("visual.merger.mlp.2.weight", hidden, merged));
        t.add(new Tensor("visual.merger.mlp.2.bias", hidden));
        long q = (long) heads * headDim();
        long kv = (long) kvHeads * headDim();
        t.add(new Tensor("model.embed_tokens.weight", vocab, hidden));
        for (int l = 0; l < layers; l++) {
            String p = "model.layers." + l + ".";
            t.add(new Tensor(p + "input_layernorm.weight", hidden));
            t.add(new Tensor(p + "mlp.down_proj.weight", hidden, intermediate));
            t.add(new Tensor(p + "mlp.gate_proj.weight", intermediate, hidden));
            t.add(new Tensor(p + "mlp.up_proj.weight", intermediate, hidden));
            t.add(new Tensor(p + "post_attention_layernorm.weight", hidden));
            t.add(new Tensor(p + "self_attn.k_proj.bias", kv));
            t.add(new Tensor(p + "self_attn.k_proj.weight", kv, hidden));
            t.add(new Tensor(p + "self_attn.o_proj.weight", hidden, q));
            t.add(new Tensor(p + "self_attn.q_proj.bias", q));
            t.add(new Tensor(p + "self_attn.q_proj.weight", q, hidden));
            t.add(new Tensor(p + "self_attn.v_proj.bias", kv));
            t.add(new Tensor(p + "self_attn.v_proj.weight", kv, hidden));
        }
        t.add(new Tensor("model.norm.weight", hidden));
        if (!tied) {
            t.add(new Tensor("lm_head.weight", vocab, hidden));
        }
        return t;
    }

    public long parameters() {
        return tensors().stream().mapToLong(Tensor::elements).sum();
    }

    /** config.json as the release writes it (original layout: text fields at the top). */
    public String configJson() {
        return String.format(Locale.ROOT, """
                {
                  "architectures": ["Qwen2_5_VLForConditionalGeneration"],
                  "model_type": "qwen2_5_vl",
                  "attention_dropout": 0.0,
                  "bos_token_id": %d,
                  "eos_token_id": %d,
                  "vision_start_token_id": %d,
                  "vision_end_token_id": %d,
                  "vision_token_id": %d,
                  "image_token_id": %d,
                  "video_token_id": %d,
                  "hidden_act": "silu",
                  "hidden_size": %d,
                  "initializer_range": 0.02,
                  "intermediate_size": %d,
                  "max_position_embeddings": 128000,
                  "max_window_layers": %d,
                  "num_attention_heads": %d,
                  "num_hidden_layers": %d,
                  "num_key_value_heads": %d,
                  "rms_norm_eps": 1e-06,
                  "rope_theta": 1000000.0,
                  "sliding_window": 32768,
                  "tie_word_embeddings": %s,
                  "torch_dtype": "bfloat16",
                  "use_cache": true,
                  "use_sliding_window": false,
                  "vision_config": {
                    "depth": %d, "hidden_act": "silu", "hidden_size": %d, "intermediate_size": %d, "num_heads": %d,
                    "in_chans": 3, "out_hidden_size": %d, "patch_size": %d, "spatial_merge_size": %d,
                    "spatial_patch_size": %d, "window_size": %d, "fullatt_block_indexes": %s, "tokens_per_second": 2,
                    "temporal_patch_size": %d
                  },
                  "rope_scaling": {"type": "mrope", "mrope_section": %s},
                  "vocab_size": %d
                }
                """, END_OF_TEXT, IM_END, VISION_START, VISION_END, VISION_PAD, IMAGE_PAD, VIDEO_PAD, hidden, intermediate,
                name.equals("3b") ? 70 : 28, heads, layers, kvHeads, tied, visionDepth, VISION_HIDDEN, VISION_INTERMEDIATE, VISION_HEADS, hidden,
                PATCH, MERGE, PATCH, WINDOW, Arrays.toString(fullAttentionBlocks), TEMPORAL_PATCH,
                Arrays.toString(MROPE_SECTION), vocab);
    }

    /** preprocessor_config.json as published for both sizes. */
    public static String preprocessorJson() {
        return """
                {
                  "min_pixels": 3136,
                  "max_pixels": 12845056,
                  "patch_size": 14,
                  "temporal_patch_size": 2,
                  "merge_size": 2,
                  "image_mean": [0.48145466, 0.4578275, 0.40821073],
                  "image_std": [0.26862954, 0.26130258, 0.27577711],
                  "image_processor_type": "Qwen2VLImageProcessor",
                  "processor_class": "Qwen2_5_VLProcessor"
                }
                """;
    }
}
