package ai.lychee.rerank.functions.instructions;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A named instruction, with titles for the web page in both languages. */
public record InstructionPreset(
        @JsonProperty("name") String name,
        @JsonProperty("title_en") String titleEn,
        @JsonProperty("title_zh") String titleZh,
        @JsonProperty("instruction") String instruction) {
}
