package ai.lychee.rerank.worker.mm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Settings of the lychee-rerank-mm scorer; read only when {@code lychee.model=lychee-rerank-mm}. */
@ConfigMapping(prefix = "lychee.worker.mm")
public interface MmConfig {

    /** Directory with config.json, *.safetensors (+ index), tokenizer.json, preprocessor_config.json. */
    Optional<Path> modelDir();

    /** auto (a CUDA GPU when the engine sees one, else CPU), cpu or gpu. */
    @WithDefault("auto")
    String device();

    /**
     * auto (fp16 on GPU, fp32 on CPU), fp32 or fp16. bf16 is refused: DJL 0.32's PyTorch JNI has no bf16
     * tensor type, so bf16 checkpoints are upcast on load.
     */
    @WithDefault("auto")
    String dtype();

    /** Upper bound on an image's pixels after resizing (the lower of this and preprocessor_config.json's max_pixels); fewer pixels, fewer image tokens, faster scoring. */
    @WithDefault("1003520")
    long maxPixels();

    /** Most pairs in one forward pass; a larger job is scored in several. */
    @WithDefault("8")
    int maxBatch();

    /**
     * shared: each distinct image of a job is preprocessed and encoded once (or taken from the vision cache), and each
     * query's prompt prefix (system line, instruction, query and its image) is run once and continued by every
     * document. pair-by-pair: each pair its own sequence, as a plain implementation runs it. Same scores, less work.
     */
    @WithDefault("shared")
    String plan();

    /**
     * Bytes of vision-tower outputs kept across jobs (on the model's device), by image digest; 0 turns the cache off.
     * A 1M-pixel photo is 1,280 tokens: about 9 MB at the 7B's width in fp16.
     */
    @WithDefault("268435456")
    long visionCacheBytes();

    /** The chat prompt; {system}, {instruction}, {query} and {document} are filled in. */
    @WithDefault(RerankPrompt.DEFAULT_TEMPLATE)
    String template();

    @WithDefault(RerankPrompt.DEFAULT_SYSTEM)
    String systemPrompt();

    /** Used when a pair comes without an instruction. */
    @WithDefault(RerankPrompt.DEFAULT_INSTRUCTION)
    String defaultInstruction();

    /** What an image becomes in the prompt; its {@code <|image_pad|>} grows to the image's token count. */
    @WithDefault(RerankPrompt.DEFAULT_IMAGE_PLACEHOLDER)
    String imagePlaceholder();

    @WithDefault("yes")
    String yesToken();

    @WithDefault("no")
    String noToken();
}
