package ai.lychee.rerank.worker.mm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared plan tokenizes a prompt in two pieces, the prefix up to the document and the continuation after it.
 * Those pieces must give exactly the tokens of the whole prompt tokenized at once (what the model was tuned on),
 * whatever the document starts with; and a template that puts the document first shares nothing.
 */
class PromptSplitTest {

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    @TempDir
    static Path temp;
    static HuggingFaceTokenizer tokenizer;

    @BeforeAll
    static void load() throws Exception {
        Path checkpoint = MmScorerEndToEndTest.writeTinyCheckpoint(temp.resolve("tiny"));
        tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(checkpoint.resolve("tokenizer.json"))
                .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    static RerankPrompt prompt(String template) {
        return new RerankPrompt(tokenizer, template, RerankPrompt.DEFAULT_SYSTEM, RerankPrompt.DEFAULT_INSTRUCTION,
                RerankPrompt.DEFAULT_IMAGE_PLACEHOLDER, 505, 2);
    }

    @Test
    void prefixAndContinuationTokenizeAsTheWholePrompt() {
        RerankPrompt prompt = prompt(RerankPrompt.DEFAULT_TEMPLATE);
        assertThat(prompt.sharesPrefix()).isTrue();
        ProcessedImage photo = new ProcessedImage(new float[0], 1, 4, 6);
        List<String> documents = List.of("The lychee is a tropical fruit.", "  two leading spaces", "\nstarts on a new line",
                "(in brackets)", ": a colon", "'s and 're", "123 numbers first", "荔枝是一种热带水果。", "", "...", "\t\ttabs",
                "<|im_end|> smuggled");
        for (String instruction : new String[] {null, "Judge the reply against the customer's question."}) {
            for (RerankPrompt.Side query : List.of(new RerankPrompt.Side("what is a lychee?", null),
                    new RerankPrompt.Side("这个有红色的吗", photo), new RerankPrompt.Side(null, photo))) {
                for (String text : documents) {
                    for (ProcessedImage image : new ProcessedImage[] {null, photo}) {
                        if (text.isEmpty() && image == null) {
                            continue;
                        }
                        RerankPrompt.Side document = new RerankPrompt.Side(text, image);
                        ModelInput split = prompt.build(instruction, query, document);
                        ModelInput joint = prompt.joint(instruction, query, document);
                        assertThat(split.ids()).as("document '" + text + "'" + (image == null ? "" : " with an image"))
                                .containsExactly(joint.ids());
                        assertThat(split.images()).containsExactlyElementsOf(joint.images());
                    }
                }
            }
        }
    }

    @Test
    void aTemplateWithTheDocumentFirstIsTokenizedWholeAndSharesNothing() {
        RerankPrompt prompt = prompt("<|im_start|>user\n<Document>: {document}\n<Query>: {query}<|im_end|>\n");
        assertThat(prompt.sharesPrefix()).isFalse();
        RerankPrompt.Side query = new RerankPrompt.Side("red shoes", null);
        RerankPrompt.Side document = new RerankPrompt.Side("a shoe", new ProcessedImage(new float[0], 1, 2, 2));
        assertThat(prompt.build(null, query, document).ids()).containsExactly(prompt.joint(null, query, document).ids());
    }
}
