/*
 * Writes a tiny random-weight Qwen2.5-VL checkpoint in the released file layout, so the lychee-rerank-mm
 * scorer can run end to end without the real weights:
 *
 *   java models/scripts/TinyQwen25VlCheckpoint.java OUTDIR [seed]
 *
 * OUTDIR gets config.json, model.safetensors (F32, newer "model.visual.*" / "model.language_model.*"
 * names), tokenizer.json (byte-level BPE over the 256 bytes plus "yes"/"no" merges and Qwen's special
 * tokens) and preprocessor_config.json. Architecture as the real one; 4 vision blocks of width 32,
 * 2 decoder layers of width 64, vocabulary 512. No dependencies: plain JDK 17.
 */

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

public class TinyQwen25VlCheckpoint {

    static final int VOCAB = 512, HIDDEN = 64, INTER = 128, LAYERS = 2, HEADS = 4, KV_HEADS = 2;
    static final int V_DEPTH = 4, V_HIDDEN = 32, V_INTER = 64, V_HEADS = 2, PATCH = 14, TPATCH = 2, MERGE = 2;
    static final int YES = 300, NO = 301, YE = 302;
    static final String[][] SPECIAL = {
        {"500", "<|endoftext|>"}, {"501", "<|im_end|>"}, {"497", "<|im_start|>"}, {"502", "<|vision_start|>"},
        {"503", "<|vision_end|>"}, {"504", "<|vision_pad|>"}, {"505", "<|image_pad|>"}, {"506", "<|video_pad|>"}};

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java TinyQwen25VlCheckpoint.java OUTDIR [seed]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20250101L;
        Files.createDirectories(out);
        Files.writeString(out.resolve("config.json"), config());
        Files.writeString(out.resolve("preprocessor_config.json"), preprocessor());
        Files.writeString(out.resolve("tokenizer.json"), tokenizer());
        writeSafetensors(out.resolve("model.safetensors"), tensors(new Random(seed)));
        System.out.println("wrote tiny Qwen2.5-VL checkpoint to " + out.toAbsolutePath());
    }

    static String config() {
        return """
            {
              "architectures": ["Qwen2_5_VLForConditionalGeneration"],
              "model_type": "qwen2_5_vl",
              "torch_dtype": "float32",
              "vocab_size": %d, "hidden_size": %d, "intermediate_size": %d, "num_hidden_layers": %d,
              "num_attention_heads": %d, "num_key_value_heads": %d, "rms_norm_eps": 1e-06,
              "rope_theta": 1000000.0, "max_position_embeddings": 4096, "hidden_act": "silu",
              "tie_word_embeddings": false,
              "rope_scaling": {"type": "mrope", "mrope_section": [2, 3, 3]},
              "bos_token_id": 500, "eos_token_id": 501,
              "vision_start_token_id": 502, "vision_end_token_id": 503, "vision_token_id": 504,
              "image_token_id": 505, "video_token_id": 506,
              "vision_config": {
                "depth": %d, "hidden_size": %d, "intermediate_size": %d, "num_heads": %d, "in_chans": 3,
                "out_hidden_size": %d, "patch_size": %d, "spatial_merge_size": %d, "temporal_patch_size": %d,
                "window_size": 112, "fullatt_block_indexes": [1, 3], "tokens_per_second": 2,
                "hidden_act": "silu", "model_type": "qwen2_5_vl"
              }
            }
            """.formatted(VOCAB, HIDDEN, INTER, LAYERS, HEADS, KV_HEADS, V_DEPTH, V_HIDDEN, V_INTER, V_HEADS,
                HIDDEN, PATCH, MERGE, TPATCH);
    }

    static String preprocessor() {
        return """
            {
              "image_processor_type": "Qwen2VLImageProcessor",
              "do_resize": true, "do_rescale": true, "rescale_factor": 0.00392156862745098,
              "do_normalize": true, "do_convert_rgb": true,
              "image_mean": [0.48145466, 0.4578275, 0.40821073],
              "image_std": [0.26862954, 0.26130258, 0.27577711],
              "min_pixels": 3136, "max_pixels": 50176,
              "patch_size": 14, "temporal_patch_size": 2, "merge_size": 2
            }
            """;
    }

    /** GPT-2 byte-to-unicode table: every byte gets a printable character. */
    static String[] byteSymbols() {
        List<Integer> bs = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) bs.add(b);
        for (int b = 0xA1; b <= 0xAC; b++) bs.add(b);
        for (int b = 0xAE; b <= 0xFF; b++) bs.add(b);
        String[] table = new String[256];
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            int cp = bs.contains(b) ? b : 256 + extra++;
            table[b] = new String(Character.toChars(cp));
        }
        return table;
    }

    static String tokenizer() {
        String[] symbols = byteSymbols();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int b = 0; b < 256; b++) vocab.put(symbols[b], b);
        vocab.put("ye", YE);
        vocab.put("yes", YES);
        vocab.put("no", NO);
        // special tokens sit in the model vocabulary too, so they keep these ids (the library would
        // otherwise number added tokens from the end of the vocabulary)
        for (String[] special : SPECIAL) vocab.put(special[1], Integer.parseInt(special[0]));
        StringBuilder json = new StringBuilder();
        json.append("{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[");
        for (int i = 0; i < SPECIAL.length; i++) {
            if (i > 0) json.append(',');
            json.append("{\"id\":").append(SPECIAL[i][0]).append(",\"content\":").append(quote(SPECIAL[i][1]))
                .append(",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}");
        }
        json.append("],\"normalizer\":null,")
            .append("\"pre_tokenizer\":{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":true},")
            .append("\"post_processor\":null,")
            .append("\"decoder\":{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":true},")
            .append("\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":null,\"continuing_subword_prefix\":null,")
            .append("\"end_of_word_suffix\":null,\"fuse_unk\":false,\"byte_fallback\":false,\"vocab\":{");
        boolean first = true;
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            if (!first) json.append(',');
            first = false;
            json.append(quote(e.getKey())).append(':').append(e.getValue());
        }
        json.append("},\"merges\":[\"y e\",\"ye s\",\"n o\"]}}");
        return json.toString();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    record Tensor(String name, long[] shape, float[] data) {}

    static List<Tensor> tensors(Random r) {
        List<Tensor> t = new ArrayList<>();
        String v = "model.visual.";
        t.add(normal(r, v + "patch_embed.proj.weight", 0.05, V_HIDDEN, 3, TPATCH, PATCH, PATCH));
        for (int b = 0; b < V_DEPTH; b++) {
            String p = v + "blocks." + b + ".";
            t.add(norm(r, p + "norm1.weight", V_HIDDEN));
            t.add(norm(r, p + "norm2.weight", V_HIDDEN));
            t.add(normal(r, p + "attn.qkv.weight", 0.15, 3 * V_HIDDEN, V_HIDDEN));
            t.add(normal(r, p + "attn.qkv.bias", 0.02, 3 * V_HIDDEN));
            t.add(normal(r, p + "attn.proj.weight", 0.15, V_HIDDEN, V_HIDDEN));
            t.add(normal(r, p + "attn.proj.bias", 0.02, V_HIDDEN));
            t.add(normal(r, p + "mlp.gate_proj.weight", 0.15, V_INTER, V_HIDDEN));
            t.add(normal(r, p + "mlp.gate_proj.bias", 0.02, V_INTER));
            t.add(normal(r, p + "mlp.up_proj.weight", 0.15, V_INTER, V_HIDDEN));
            t.add(normal(r, p + "mlp.up_proj.bias", 0.02, V_INTER));
            t.add(normal(r, p + "mlp.down_proj.weight", 0.15, V_HIDDEN, V_INTER));
            t.add(normal(r, p + "mlp.down_proj.bias", 0.02, V_HIDDEN));
        }
        int merged = V_HIDDEN * MERGE * MERGE;
        t.add(norm(r, v + "merger.ln_q.weight", V_HIDDEN));
        t.add(normal(r, v + "merger.mlp.0.weight", 0.1, merged, merged));
        t.add(normal(r, v + "merger.mlp.0.bias", 0.02, merged));
        t.add(normal(r, v + "merger.mlp.2.weight", 0.1, HIDDEN, merged));
        t.add(normal(r, v + "merger.mlp.2.bias", 0.02, HIDDEN));
        String m = "model.language_model.";
        int hd = HIDDEN / HEADS;
        t.add(normal(r, m + "embed_tokens.weight", 1.0, VOCAB, HIDDEN));
        for (int l = 0; l < LAYERS; l++) {
            String p = m + "layers." + l + ".";
            t.add(normal(r, p + "self_attn.q_proj.weight", 0.12, HEADS * hd, HIDDEN));
            t.add(normal(r, p + "self_attn.q_proj.bias", 0.02, HEADS * hd));
            t.add(normal(r, p + "self_attn.k_proj.weight", 0.12, KV_HEADS * hd, HIDDEN));
            t.add(normal(r, p + "self_attn.k_proj.bias", 0.02, KV_HEADS * hd));
            t.add(normal(r, p + "self_attn.v_proj.weight", 0.12, KV_HEADS * hd, HIDDEN));
            t.add(normal(r, p + "self_attn.v_proj.bias", 0.02, KV_HEADS * hd));
            t.add(normal(r, p + "self_attn.o_proj.weight", 0.12, HIDDEN, HEADS * hd));
            t.add(normal(r, p + "mlp.gate_proj.weight", 0.12, INTER, HIDDEN));
            t.add(normal(r, p + "mlp.up_proj.weight", 0.12, INTER, HIDDEN));
            t.add(normal(r, p + "mlp.down_proj.weight", 0.12, HIDDEN, INTER));
            t.add(norm(r, p + "input_layernorm.weight", HIDDEN));
            t.add(norm(r, p + "post_attention_layernorm.weight", HIDDEN));
        }
        t.add(norm(r, m + "norm.weight", HIDDEN));
        t.add(normal(r, "lm_head.weight", 0.12, VOCAB, HIDDEN));
        return t;
    }

    static Tensor normal(Random r, String name, double std, long... shape) {
        long n = 1;
        for (long d : shape) n *= d;
        float[] data = new float[(int) n];
        for (int i = 0; i < data.length; i++) data[i] = (float) (r.nextGaussian() * std);
        return new Tensor(name, shape, data);
    }

    static Tensor norm(Random r, String name, int size) {
        float[] data = new float[size];
        for (int i = 0; i < size; i++) data[i] = (float) (1.0 + r.nextGaussian() * 0.1);
        return new Tensor(name, new long[] {size}, data);
    }

    static void writeSafetensors(Path file, List<Tensor> tensors) throws IOException {
        StringBuilder header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        for (Tensor t : tensors) {
            long bytes = t.data().length * 4L;
            header.append(',').append(quote(t.name())).append(":{\"dtype\":\"F32\",\"shape\":[");
            for (int i = 0; i < t.shape().length; i++) header.append(i > 0 ? "," : "").append(t.shape()[i]);
            header.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        header.append('}');
        while ((header.length() + 8) % 8 != 0) header.append(' ');
        byte[] head = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate((int) (8 + head.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(head.length).put(head);
        for (Tensor t : tensors) for (float f : t.data()) buf.putFloat(f);
        Files.write(file, buf.array());
    }
}
