package ai.lychee.rerank.worker.mm;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns (instruction, query, document) into token ids in the chat form the reranker was tuned on, with
 * each image's {@code <|image_pad|>} expanded to as many image tokens as the image yields.
 *
 * <p>The default follows the Qwen-family yes/no reranker cards (system line asking for "yes" or "no",
 * then {@code <Instruct>:}, {@code <Query>:}, {@code <Document>:}). We could not read the lychee-rerank-mm
 * card's exact text offline, so every part is configurable.
 */
public final class RerankPrompt {

    public static final String DEFAULT_SYSTEM = "Judge whether the Document meets the requirements based on the Query"
            + " and the Instruct provided. Note that the answer can only be \"yes\" or \"no\".";
    public static final String DEFAULT_TEMPLATE = "<|im_start|>system\n{system}<|im_end|>\n<|im_start|>user\n"
            + "<Instruct>: {instruction}\n<Query>: {query}\n<Document>: {document}<|im_end|>\n<|im_start|>assistant\n";
    public static final String DEFAULT_INSTRUCTION = "Given a query, retrieve the documents that are relevant to it.";
    public static final String DEFAULT_IMAGE_PLACEHOLDER = "<|vision_start|><|image_pad|><|vision_end|>";
    static final String IMAGE_PAD = "<|image_pad|>";

    private final HuggingFaceTokenizer tokenizer;
    private final String template;
    private final String system;
    private final String defaultInstruction;
    private final String imagePlaceholder;
    private final int imageTokenId;
    private final int mergeSize;

    public RerankPrompt(HuggingFaceTokenizer tokenizer, String template, String system, String defaultInstruction,
                        String imagePlaceholder, int imageTokenId, int mergeSize) {
        if (!template.contains("{query}") || !template.contains("{document}")) {
            throw new IllegalArgumentException("the prompt template must contain {query} and {document}");
        }
        if (!imagePlaceholder.contains(IMAGE_PAD)) {
            throw new IllegalArgumentException("the image placeholder must contain " + IMAGE_PAD);
        }
        this.tokenizer = tokenizer;
        this.template = template;
        this.system = system;
        this.defaultInstruction = defaultInstruction;
        this.imagePlaceholder = imagePlaceholder;
        this.imageTokenId = imageTokenId;
        this.mergeSize = mergeSize;
    }

    /** One side of the pair as the prompt sees it: optional image, then optional text. */
    public record Side(String text, ProcessedImage image) {
    }

    /** Token ids with image tokens in place, and the images in the order their tokens appear. */
    public ModelInput build(String instruction, Side query, Side document) {
        String inst = instruction == null || instruction.isBlank() ? defaultInstruction : instruction;
        boolean queryFirst = template.indexOf("{query}") < template.indexOf("{document}");
        List<ProcessedImage> images = new ArrayList<>();
        for (Side side : queryFirst ? List.of(query, document) : List.of(document, query)) {
            if (side.image() != null) {
                images.add(side.image());
            }
        }
        String text = template.replace("{system}", system)
                .replace("{instruction}", clean(inst))
                .replace("{query}", render(query))
                .replace("{document}", render(document));
        String[] pieces = text.split(java.util.regex.Pattern.quote(IMAGE_PAD), -1);
        if (pieces.length - 1 != images.size()) {
            throw new IllegalStateException("prompt holds " + (pieces.length - 1) + " image slots for " + images.size()
                    + " images; does the template or system prompt contain " + IMAGE_PAD + "?");
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < pieces.length; i++) {
            if (!pieces[i].isEmpty()) {
                for (long id : tokenizer.encode(pieces[i]).getIds()) {
                    ids.add((int) id);
                }
            }
            if (i < images.size()) {
                int n = images.get(i).tokens(mergeSize);
                for (int k = 0; k < n; k++) {
                    ids.add(imageTokenId);
                }
            }
        }
        return new ModelInput(ids.stream().mapToInt(Integer::intValue).toArray(), images);
    }

    private String render(Side side) {
        String text = side.text() == null ? "" : clean(side.text());
        return side.image() == null ? text : imagePlaceholder + text;
    }

    /** Caller text must not smuggle in control tokens such as an image slot or a turn end. */
    static String clean(String text) {
        return text.replace("<|", "< |");
    }
}
