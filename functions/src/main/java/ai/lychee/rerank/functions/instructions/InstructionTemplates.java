package ai.lychee.rerank.functions.instructions;

import ai.lychee.rerank.functions.validation.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The instructions that steer a judgement. A request names a preset or gives free text; nothing
 * means the default. A value shaped like a preset name (one lower-case word or hyphenated words,
 * no spaces) that names no preset is refused rather than silently used as an instruction, so a
 * typo such as {@code ecommerce-serch} is caught.
 */
@ApplicationScoped
public class InstructionTemplates {

    public static final String DEFAULT_INSTRUCTION = "Given a query, retrieve relevant documents.";
    private static final Pattern PRESET_NAME = Pattern.compile("[a-z0-9]+([-_][a-z0-9]+)*");

    private final Map<String, InstructionPreset> presets = new LinkedHashMap<>();

    public InstructionTemplates() {
        add("default", "General relevance", "通用相关性", DEFAULT_INSTRUCTION);
        add("ecommerce-search", "E-commerce search", "电商搜索",
                "Given a product search query, rank products by how likely the shopper is to buy them.");
        add("knowledge-qa", "Knowledge Q&A", "知识问答",
                "Given a question, retrieve passages that answer it.");
        add("lifestyle-posts", "Lifestyle posts", "生活方式内容",
                "Given a topic, rank lifestyle posts by how well they match the topic and would interest its readers.");
        add("customer-service-reply", "Customer-service reply check", "客服回复质检",
                "Given a customer's question (and photo), judge whether the agent's reply (or screenshot) correctly and helpfully answers it.");
        add("product-main-image", "Product main-image check", "商品主图审核",
                "Given a product title, judge whether the image shows exactly this product clearly as its main picture.");
        add("image-search", "Image search", "以图搜图 / 图片搜索",
                "Given a search query (text or image), retrieve images that show what it asks for.");
    }

    private void add(String name, String titleEn, String titleZh, String instruction) {
        presets.put(name, new InstructionPreset(name, titleEn, titleZh, instruction));
    }

    public List<InstructionPreset> presets() {
        return List.copyOf(presets.values());
    }

    /**
     * The metrics label of what a request gave as {@code instruction}: the preset's name (also for a preset's exact
     * text), {@code default} for none, {@code custom} for any other free text (one value, so labels stay bounded).
     * Call it on an instruction that {@link #resolve} accepted.
     */
    public String label(String requested) {
        if (requested == null || requested.isBlank()) {
            return "default";
        }
        String trimmed = requested.strip();
        if (presets.containsKey(trimmed)) {
            return trimmed;
        }
        return presets.values().stream().filter(p -> p.instruction().equals(trimmed)).map(InstructionPreset::name)
                .findFirst().orElse("custom");
    }

    /**
     * Resolves what a request gave as {@code instruction} to the instruction text to score with.
     *
     * @throws InvalidRequestException for an unknown preset name
     */
    public String resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            return DEFAULT_INSTRUCTION;
        }
        String trimmed = requested.strip();
        InstructionPreset preset = presets.get(trimmed);
        if (preset != null) {
            return preset.instruction();
        }
        if (PRESET_NAME.matcher(trimmed).matches()) {
            throw InvalidRequestException.badRequest("instruction",
                    "unknown instruction preset '" + trimmed + "'; known presets: " + String.join(", ", presets.keySet())
                            + " (or give the instruction as free text)");
        }
        return trimmed;
    }
}
