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

    /** Whether the query comes before the document, so one prefix can serve every document of a query. */
    public boolean sharesPrefix() {
        return template.indexOf("{query}") < template.indexOf("{document}");
    }

    /**
     * Token ids with image tokens in place, and the images in the order their tokens appear. Where the prefix is
     * shared, this is exactly {@link #prefix} followed by {@link #continuation}: scoring a pair alone and scoring it
     * as a continuation read the same tokens.
     */
    public ModelInput build(String instruction, Side query, Side document) {
        if (sharesPrefix()) {
            return prefix(instruction, query).followedBy(continuation(instruction, document));
        }
        return joint(instruction, query, document);
    }

    /**
     * Everything before the document: system line, instruction and query (with its image). It ends before the
     * whitespace that leads into the document, a boundary the tokenizer's pre-split never crosses, so its tokens are
     * those of the whole prompt's start.
     */
    public ModelInput prefix(String instruction, Side query) {
        String text = fill(template.substring(0, template.indexOf("{document}")), instruction, render(query), "");
        String head = text.stripTrailing();
        return encode(head, query.image() == null ? List.of() : List.of(query.image()));
    }

    /** The rest of the prompt after {@link #prefix}: the document (with its image) and the turn's end. */
    public ModelInput continuation(String instruction, Side document) {
        int at = template.indexOf("{document}");
        String before = fill(template.substring(0, at), instruction, "", "");
        String lead = before.substring(before.stripTrailing().length());
        String text = lead + render(document) + fill(template.substring(at + "{document}".length()), instruction, "", "");
        return encode(text, document.image() == null ? List.of() : List.of(document.image()));
    }

    private String fill(String part, String instruction, String query, String document) {
        String inst = instruction == null || instruction.isBlank() ? defaultInstruction : instruction;
        return part.replace("{system}", system)
                .replace("{instruction}", clean(inst))
                .replace("{query}", query)
                .replace("{document}", document);
    }

    private ModelInput encode(String text, List<ProcessedImage> images) {
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

    /** The whole prompt tokenized in one piece, as the model was tuned on. */
    ModelInput joint(String instruction, Side query, Side document) {
        List<ProcessedImage> images = new ArrayList<>();
        boolean queryFirst = sharesPrefix();
        for (Side side : queryFirst ? List.of(query, document) : List.of(document, query)) {
            if (side.image() != null) {
                images.add(side.image());
            }
        }
        return encode(fill(template, instruction, render(query), render(document)), images);
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
