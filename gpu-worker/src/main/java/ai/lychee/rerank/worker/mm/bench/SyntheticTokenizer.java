package ai.lychee.rerank.worker.mm.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tokenizer.json for random checkpoints: byte-level BPE (Qwen's pre-tokenizer family) over the 256 bytes, with
 * "yes" and "no" as single tokens and Qwen2's special tokens at their real ids. Qwen's real vocabulary (151k merges)
 * is not reachable offline; merges for the words of the default prompt and of mm-bench's texts bring those to about
 * one token per word, as Qwen's vocabulary does, while other text (Chinese included) costs one token per byte.
 * Image tokens, which dominate these requests, are exact whatever the text.
 */
final class SyntheticTokenizer {

    static final int YES = 256;
    static final int NO = 257;
    private static final int YE = 258;

    private SyntheticTokenizer() {
    }

    /** Words that become single tokens: the default prompt's and mm-bench's. */
    private static final String WORDS = "Judge whether the Document meets requirements based on Query and Instruct"
            + " provided Note that answer can only be or Given a query retrieve documents are relevant to it"
            + " system user assistant shopper photo question find product whose description matches Do you have"
            + " these in red Item running shoe breathable mesh upper white sole shoes with soles blue black green grey"
            + " orange navy im start end";

    static String json() {
        List<Object[]> specials = List.of(
                new Object[] {QwenVlLayout.END_OF_TEXT, "<|endoftext|>"},
                new Object[] {QwenVlLayout.IM_START, "<|im_start|>"},
                new Object[] {QwenVlLayout.IM_END, "<|im_end|>"},
                new Object[] {QwenVlLayout.VISION_START, "<|vision_start|>"},
                new Object[] {QwenVlLayout.VISION_END, "<|vision_end|>"},
                new Object[] {QwenVlLayout.VISION_PAD, "<|vision_pad|>"},
                new Object[] {QwenVlLayout.IMAGE_PAD, "<|image_pad|>"},
                new Object[] {QwenVlLayout.VIDEO_PAD, "<|video_pad|>"});
        String[] symbols = byteSymbols();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int b = 0; b < 256; b++) {
            vocab.put(symbols[b], b);
        }
        vocab.put("yes", YES);
        vocab.put("no", NO);
        vocab.put("ye", YE);
        List<String> merges = new java.util.ArrayList<>(List.of("y e", "ye s", "n o"));
        for (String word : WORDS.split(" ")) {
            for (String spelled : new String[] {word, "\u0120" + word}) { // Ġ: a leading space, byte-level
                String sofar = spelled.substring(0, 1);
                for (int i = 1; i < spelled.length(); i++) {
                    String next = spelled.substring(i, i + 1);
                    String merge = sofar + " " + next;
                    sofar += next;
                    if (!vocab.containsKey(sofar)) {
                        vocab.put(sofar, vocab.size() + 1000);
                        merges.add(merge);
                    }
                }
            }
        }
        StringBuilder json = new StringBuilder("{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[");
        for (int i = 0; i < specials.size(); i++) {
            json.append(i > 0 ? "," : "").append("{\"id\":").append(specials.get(i)[0]).append(",\"content\":")
                    .append(quote((String) specials.get(i)[1]))
                    .append(",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}");
            // special tokens sit in the model vocabulary too, so they keep their ids
            vocab.put((String) specials.get(i)[1], (Integer) specials.get(i)[0]);
        }
        json.append("],\"normalizer\":null,")
                .append("\"pre_tokenizer\":{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":true},")
                .append("\"post_processor\":null,")
                .append("\"decoder\":{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":true},")
                .append("\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":null,\"continuing_subword_prefix\":null,")
                .append("\"end_of_word_suffix\":null,\"fuse_unk\":false,\"byte_fallback\":false,\"vocab\":{");
        boolean first = true;
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            json.append(first ? "" : ",").append(quote(e.getKey())).append(':').append(e.getValue());
            first = false;
        }
        json.append("},\"merges\":[");
        for (int i = 0; i < merges.size(); i++) {
            json.append(i > 0 ? "," : "").append(quote(merges.get(i)));
        }
        return json.append("]}}").toString();
    }

    /** GPT-2's byte-to-character table: printable bytes stand for themselves, the rest move above 255. */
    private static String[] byteSymbols() {
        String[] table = new String[256];
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            table[b] = new String(Character.toChars(printable ? b : 256 + extra++));
        }
        return table;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
