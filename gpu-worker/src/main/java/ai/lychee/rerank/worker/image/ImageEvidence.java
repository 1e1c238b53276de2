package ai.lychee.rerank.worker.image;

import ai.lychee.rerank.worker.image.ColourNamer.DominantColour;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the CPU scorer knows about one image: the text in it (OCR), its dominant colours in Chinese and
 * English, what the optional labelers saw, quality flags, and a fingerprint for image-to-image similarity.
 */
public record ImageEvidence(String digest, int width, int height, String ocrText, List<DominantColour> colours,
                            List<ObjectLabel> labels, List<String> qualityFlags, ImageFingerprint fingerprint) {

    public boolean hasText() {
        return ocrText != null && !ocrText.isBlank();
    }

    public List<String> colourWordsEn() {
        return colours.stream().map(DominantColour::en).toList();
    }

    public List<String> colourWordsZh() {
        return colours.stream().map(DominantColour::zh).toList();
    }

    public List<String> labelWordsEn() {
        return labels.stream().map(ObjectLabel::en).distinct().toList();
    }

    public List<String> labelWordsZh() {
        return labels.stream().map(ObjectLabel::zh).filter(Objects::nonNull).distinct().toList();
    }

    /**
     * What the picture shows as words a text matcher can use, without its OCR text: objects then colours, in
     * both languages ("dog 狗 grass black 黑色").
     */
    public String visualWords() {
        Set<String> words = new LinkedHashSet<>();
        for (ObjectLabel l : labels) {
            words.add(l.en());
            if (l.zh() != null) {
                words.add(l.zh());
            }
        }
        for (DominantColour c : colours) {
            words.add(c.en());
            words.add(c.zh());
        }
        return words.stream().collect(Collectors.joining(" "));
    }
}
