package ai.lychee.rerank.worker.mm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The parts of a Qwen2.5-VL {@code config.json} the forward pass needs. Reads both the original layout
 * (text fields at the top) and the newer one (text fields under {@code text_config}).
 */
public record QwenVlConfig(
        int vocabSize, int hiddenSize, int intermediateSize, int numLayers, int numHeads, int numKvHeads,
        double rmsNormEps, double ropeTheta, int[] mropeSection, boolean tieWordEmbeddings,
        int visionStartTokenId, int visionEndTokenId, int imageTokenId,
        Vision vision) {

    /** The vision tower's settings ({@code vision_config}). */
    public record Vision(int depth, int hiddenSize, int intermediateSize, int numHeads, int inChannels,
                         int outHiddenSize, int patchSize, int spatialMergeSize, int temporalPatchSize,
                         int windowSize, int[] fullAttentionBlocks) {
        public int headDim() {
            return hiddenSize / numHeads;
        }
    }

    public int headDim() {
        return hiddenSize / numHeads;
    }

    public static QwenVlConfig read(Path dir) {
        Path file = dir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new ModelFilesException("Model directory " + dir + " has no config.json");
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            JsonNode text = root.has("text_config") ? root.get("text_config") : root;
            JsonNode v = root.path("vision_config");
            if (v.isMissingNode()) {
                throw new ModelFilesException(file + " has no vision_config: not a Qwen2.5-VL checkpoint");
            }
            Vision vision = new Vision(
                    required(v, "depth", file), required(v, "hidden_size", file), required(v, "intermediate_size", file),
                    required(v, "num_heads", file), v.path("in_chans").asInt(3), required(v, "out_hidden_size", file),
                    v.path("patch_size").asInt(14), v.path("spatial_merge_size").asInt(2),
                    v.path("temporal_patch_size").asInt(2), v.path("window_size").asInt(112),
                    ints(v.path("fullatt_block_indexes")));
            JsonNode scaling = text.path("rope_scaling");
            if (scaling.isMissingNode() || scaling.isNull()) {
                scaling = root.path("rope_scaling");
            }
            int[] section = ints(scaling.path("mrope_section"));
            int hidden = required(text, "hidden_size", file);
            int heads = required(text, "num_attention_heads", file);
            if (section.length != 3 || section[0] + section[1] + section[2] != hidden / heads / 2) {
                throw new ModelFilesException(file + ": rope_scaling.mrope_section must be three numbers summing to"
                        + " head_dim / 2 = " + hidden / heads / 2);
            }
            return new QwenVlConfig(
                    required(text, "vocab_size", file), hidden, required(text, "intermediate_size", file),
                    required(text, "num_hidden_layers", file), heads,
                    text.path("num_key_value_heads").asInt(heads), text.path("rms_norm_eps").asDouble(1e-6),
                    text.path("rope_theta").asDouble(1_000_000.0), section,
                    text.path("tie_word_embeddings").asBoolean(root.path("tie_word_embeddings").asBoolean(false)),
                    idOf(root, text, "vision_start_token_id", file), idOf(root, text, "vision_end_token_id", file),
                    idOf(root, text, "image_token_id", file), vision);
        } catch (IOException e) {
            throw new ModelFilesException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int idOf(JsonNode root, JsonNode text, String field, Path file) {
        return root.has(field) ? root.get(field).asInt() : required(text, field, file);
    }

    private static int required(JsonNode node, String field, Path file) {
        if (!node.hasNonNull(field)) {
            throw new ModelFilesException(file + " lacks " + field);
        }
        return node.get(field).asInt();
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
