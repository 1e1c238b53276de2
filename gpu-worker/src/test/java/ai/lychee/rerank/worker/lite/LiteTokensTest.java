package ai.lychee.rerank.worker.lite;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.protocol.DocumentScore;
import ai.lychee.rerank.protocol.TokenCount;
import ai.lychee.rerank.worker.ScoringPair;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the lite scorer reports it read, checked against the models' own tokenizer files opened separately, and
 * documents cut to a token budget (max_tokens_per_doc) reading exactly their first tokens.
 */
class LiteTokensTest {

    private static final String INSTRUCTION = "Given a query, retrieve relevant documents.";
    private static LiteScorer scorer;
    private static HuggingFaceTokenizer en;
    private static HuggingFaceTokenizer zh;

    @BeforeAll
    static void load() throws IOException {
        scorer = LiteScorer.standalone(LiteConfigs.fromEnvironment());
        scorer.warmUp();
        en = tokenizer(BgeModel.EN);
        zh = tokenizer(BgeModel.ZH);
    }

    @AfterAll
    static void close() {
        en.close();
        zh.close();
    }

    private static HuggingFaceTokenizer tokenizer(BgeModel m) throws IOException {
        try (InputStream in = LiteTokensTest.class.getClassLoader().getResourceAsStream(m.tokenizerResource())) {
            return HuggingFaceTokenizer.newInstance(in, Map.of("maxLength", "512", "truncation", "true"));
        }
    }

    private static int count(HuggingFaceTokenizer tokenizer, String text) {
        return tokenizer.encode(text).getIds().length;
    }

    private static DocumentScore score(String query, String document, Integer budget) {
        return scorer.score(List.of(new ScoringPair(INSTRUCTION, Content.text(query), Content.text(document), budget))).get(0);
    }

    @Test
    void englishPairCountsTheQueryAsEmbeddedAndTheDocument() {
        String query = "what is the capital of France";
        String document = "Paris is the capital and largest city of France.";
        TokenCount tokens = score(query, document, null).tokens();
        String embedded = LiteCalibration.load().queryPrefix(BgeModel.EN) ? BgeModel.EN.queryInstruction() + query : query;
        assertThat(tokens.query()).isEqualTo(count(en, embedded));
        assertThat(tokens.document()).isEqualTo(count(en, document));
        assertThat(tokens.document()).isBetween(10, 16);
    }

    @Test
    void chinesePairIsCountedWithTheChineseModelsTokenizer() {
        TokenCount tokens = score("中国的首都是哪里?", "北京是中华人民共和国的首都", null).tokens();
        assertThat(tokens.query()).isEqualTo(count(zh, "中国的首都是哪里?"));
        assertThat(tokens.document()).isEqualTo(count(zh, "北京是中华人民共和国的首都")).isEqualTo(15);
    }

    @Test
    void aDocumentPastTheWindowCountsOnlyWhatTheModelReads() {
        String longDocument = "The river runs past the old mill and on to the sea. ".repeat(80);
        assertThat(score("river", longDocument, null).tokens().document()).isEqualTo(512);
    }

    @Test
    void aTokenBudgetReadsExactlyTheFirstTokensOfTheDocument() {
        String query = "中国的首都是哪里?";
        DocumentScore cut = score(query, "北京是中华人民共和国的首都", 3);
        assertThat(cut.tokens().document()).isEqualTo(3 + 2); // [CLS] 北 京 是 [SEP]
        assertThat(cut.score()).isEqualTo(score(query, "北京是", null).score());

        String english = "Paris is the capital and largest city of France.";
        DocumentScore cutEn = score("capital of France", english, 4);
        assertThat(cutEn.tokens().document()).isEqualTo(4 + 2);
        assertThat(cutEn.score()).isEqualTo(score("capital of France", "Paris is the capital", null).score());
        assertThat(score("capital of France", english, 400).score()).isEqualTo(score("capital of France", english, null).score());
    }
}
