package ai.lychee.rerank.worker.mm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.protocol.DocumentScore;
import ai.lychee.rerank.worker.ScoringPair;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What lychee-rerank-mm reports it read, on the tiny checkpoint: the decoder reads each pair's whole prompt, so
 * everything counts as the document's tokens; a token budget (max_tokens_per_doc) shortens that prompt by exactly
 * the document tokens it cuts, counted with the checkpoint's tokenizer.json opened separately.
 */
class MmTokensTest {

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    @TempDir
    static Path temp;
    static MmScorer scorer;
    static HuggingFaceTokenizer tokenizer;

    @BeforeAll
    static void load() throws Exception {
        Path checkpoint = MmScorerEndToEndTest.writeTinyCheckpoint(temp.resolve("tiny"));
        scorer = new MmScorer(MmScorerEndToEndTest.config(checkpoint, Map.of()));
        scorer.warmUp();
        tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(checkpoint.resolve("tokenizer.json"))
                .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build();
    }

    @AfterAll
    static void close() {
        if (scorer != null) {
            scorer.close();
        }
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    private static DocumentScore score(String document, Integer budget) {
        return scorer.score(List.of(new ScoringPair("Given a query, retrieve relevant documents.",
                Content.text("red dress"), Content.text(document), budget))).get(0);
    }

    @Test
    void theSharedPrefixCountsOnceAsTheQueryAndABudgetCutsExactlyTheDocumentTokens() {
        String document = "A long red summer dress with short sleeves, cotton, machine washable.";
        int documentTokens = tokenizer.encode(document).getIds().length;
        assertThat(documentTokens).isGreaterThan(5);

        DocumentScore full = score(document, null);
        // the prefix (system line, instruction, query) is read once for every document of the query
        assertThat(full.tokens().query()).isGreaterThan(20);
        // the continuation: the document and the turn's end
        assertThat(full.tokens().document()).isGreaterThan(documentTokens).isLessThan(documentTokens + 15);
        assertThat(scorer.reranker().prepare(0, new ScoringPair("Given a query, retrieve relevant documents.",
                Content.text("red dress"), Content.text(document))).ids())
                .hasSize(full.tokens().query() + full.tokens().document());

        DocumentScore cut = score(document, 3);
        assertThat(full.tokens().document() - cut.tokens().document()).isEqualTo(documentTokens - 3);
        assertThat(score(document, 1000).tokens()).isEqualTo(full.tokens());

        // pair by pair the decoder reads the whole prompt for each document: all of it counts as the document's
        scorer.reranker().plan(MmReranker.Plan.PAIR_BY_PAIR);
        try {
            DocumentScore alone = score(document, null);
            assertThat(alone.tokens().query()).isZero();
            assertThat(alone.tokens().document()).isEqualTo(full.tokens().query() + full.tokens().document());
        } finally {
            scorer.reranker().plan(MmReranker.Plan.SHARED);
        }
    }
}
