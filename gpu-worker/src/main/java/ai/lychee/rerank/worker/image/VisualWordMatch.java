package ai.lychee.rerank.worker.image;

import ai.lychee.rerank.worker.image.ColourNamer.DominantColour;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How much of what an image shows (labeler objects, dominant colours) a text mentions, in [0, 1]: each word the
 * text uses, in English or Chinese, adds its confidence (objects) or share (colours); the sum saturates.
 */
public final class VisualWordMatch {
    private static final double COLOUR_WEIGHT = 0.6;

    private VisualWordMatch() {
    }

    public static double score(String text, ImageEvidence evidence) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        double sum = 0;
        for (ObjectLabel label : evidence.labels()) {
            if (mentionsEnglish(lower, label.en()) || (label.zh() != null && lower.contains(label.zh()))) {
                sum += label.confidence();
            }
        }
        for (DominantColour colour : evidence.colours()) {
            String zhStem = colour.zh().endsWith("色") ? colour.zh().substring(0, colour.zh().length() - 1) : colour.zh();
            if (mentionsEnglish(lower, colour.en()) || lower.contains(colour.zh())
                    || (zhStem.length() >= 1 && lower.contains(zhStem + "色")) || lower.contains(zhStem + "衣")) {
                sum += COLOUR_WEIGHT * Math.min(1, colour.share() * 2);
            }
        }
        return 1 - Math.exp(-1.5 * sum);
    }

    /** The word or phrase, or its last word ("golden retriever" -> "retriever"), as whole words. */
    private static boolean mentionsEnglish(String lowerText, String phrase) {
        String p = phrase.toLowerCase(Locale.ROOT);
        if (containsWord(lowerText, p)) {
            return true;
        }
        int space = p.lastIndexOf(' ');
        return space > 0 && p.length() - space > 3 && containsWord(lowerText, p.substring(space + 1));
    }

    private static boolean containsWord(String text, String word) {
        return Pattern.compile("\\b" + Pattern.quote(word) + "(s|es)?\\b").matcher(text).find();
    }
}
