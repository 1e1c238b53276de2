package ai.lychee.rerank.worker.lite.calibration;

import ai.lychee.rerank.worker.lite.Scripts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Term-overlap evidence of one (query, document) pair, from the pair alone: a candidate feature that
 * {@link LiteCalibrate} weighs by cross-validation (the scorer does not compute it: it lost there). Latin-script
 * text is cut into words, CJK text into characters and character bigrams; function words and particles are skipped.
 *
 * <p>{@code termCoverage}: share of the query's content terms (words, CJK characters) found in the document.
 * {@code phraseCoverage}: share of the query's adjacent term pairs (word bigrams, CJK character bigrams) found.
 */
public record LexicalEvidence(double termCoverage, double phraseCoverage) {

    /** Characters of a document read for lexical evidence; the model sees far fewer anyway. */
    static final int MAX_CHARS = 20_000;

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "is", "are",
            "was", "were", "be", "been", "do", "does", "did", "what", "which", "who", "whom", "when", "where", "why",
            "how", "it", "its", "this", "that", "these", "those", "as", "can", "i", "you", "my", "your", "me", "we",
            "they", "he", "she", "his", "her", "their", "our", "there", "about", "into", "than", "then", "if", "not",
            "no", "so", "but", "will", "would", "should", "could", "much", "many", "long", "most", "define",
            "definition", "meaning", "mean", "means", "s");

    private static final String STOP_CHARS = "的了是吗呢啊吧么哪里什怎么样个和与及或在有为也就都还要会能可以这那些一不没";

    public static LexicalEvidence of(String query, String document) {
        Terms q = Terms.of(query);
        Terms d = Terms.of(document.length() > MAX_CHARS ? document.substring(0, MAX_CHARS) : document);
        return new LexicalEvidence(share(q.unigrams, d.unigrams), share(q.bigrams, d.bigrams));
    }

    private static double share(Set<String> queryTerms, Set<String> docTerms) {
        if (queryTerms.isEmpty()) {
            return 0;
        }
        int found = 0;
        for (String t : queryTerms) {
            if (docTerms.contains(t)) {
                found++;
            }
        }
        return (double) found / queryTerms.size();
    }

    /** Content terms and adjacent pairs of one text. */
    private record Terms(Set<String> unigrams, Set<String> bigrams) {

        static Terms of(String text) {
            Set<String> unigrams = new HashSet<>();
            Set<String> bigrams = new HashSet<>();
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            String previousCjk = null;
            String lower = text.toLowerCase(Locale.ROOT);
            int i = 0;
            while (i < lower.length()) {
                int cp = lower.codePointAt(i);
                i += Character.charCount(cp);
                if (Scripts.isCjk(cp)) {
                    flushWord(word, words);
                    String ch = new String(Character.toChars(cp));
                    if (STOP_CHARS.indexOf(cp) < 0) {
                        unigrams.add(ch);
                    }
                    if (previousCjk != null) {
                        bigrams.add(previousCjk + ch);
                    }
                    previousCjk = ch;
                } else if (Character.isLetterOrDigit(cp)) {
                    word.appendCodePoint(cp);
                    previousCjk = null;
                } else {
                    flushWord(word, words);
                    previousCjk = null;
                }
            }
            flushWord(word, words);
            String previousWord = null;
            for (String w : words) {
                if (STOP_WORDS.contains(w)) {
                    continue;
                }
                String stem = stem(w);
                unigrams.add(stem);
                if (previousWord != null) {
                    bigrams.add(previousWord + " " + stem);
                }
                previousWord = stem;
            }
            return new Terms(unigrams, bigrams);
        }

        private static void flushWord(StringBuilder word, List<String> words) {
            if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
            }
        }

        /** Plural and common inflection endings only: enough to match "fleas" with "flea". */
        private static String stem(String w) {
            if (w.length() > 4 && w.endsWith("ies")) {
                return w.substring(0, w.length() - 3) + "y";
            }
            if (w.length() > 5 && w.endsWith("ing")) {
                return w.substring(0, w.length() - 3);
            }
            if (w.length() > 4 && w.endsWith("ed")) {
                return w.substring(0, w.length() - 2);
            }
            if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
                return w.substring(0, w.length() - 1);
            }
            return w;
        }
    }
}
