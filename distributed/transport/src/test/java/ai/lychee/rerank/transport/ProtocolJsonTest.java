package ai.lychee.rerank.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.protocol.DocumentScore;
import ai.lychee.rerank.protocol.ScoreJob;
import ai.lychee.rerank.protocol.ScoreReply;
import ai.lychee.rerank.protocol.TokenCount;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The broker's JSON between mixed versions: token counts and the document token budget travel both ways, and a
 * message from a worker or functions instance that predates them still reads, the missing fields as unknown.
 */
class ProtocolJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void tokenCountsAndTheBudgetRoundTrip() throws Exception {
        ScoreReply reply = ScoreReply.ok("job-1", "lite", List.of(
                new DocumentScore(0.8, Map.of("text", 0.8), List.of(), null, new TokenCount(9, 31))));
        ScoreReply back = json.readValue(json.writeValueAsBytes(reply), ScoreReply.class);
        assertThat(back.scores().get(0).tokens()).isEqualTo(new TokenCount(9, 31));

        ScoreJob job = new ScoreJob("job-1", "functions-a", "inst", Content.text("q"), List.of(Content.text("d")), 64, true,
                1_800_000_000_000L);
        ScoreJob jobBack = json.readValue(json.writeValueAsBytes(job), ScoreJob.class);
        assertThat(jobBack.maxDocumentTokens()).isEqualTo(64);
        assertThat(jobBack.countTokens()).isTrue();
        assertThat(jobBack.deadline()).isEqualTo(1_800_000_000_000L);
    }

    @Test
    void unsetNewFieldsAreLeftOutSoAReaderFromBeforeThemFindsNothingUnknown() throws Exception {
        // functions instances refuse unknown JSON fields (quarkus.jackson.fail-on-unknown-properties): a reply to
        // a job that did not ask for counts must carry exactly the fields it always had
        String reply = json.writeValueAsString(ScoreReply.ok("job-4", "lite", List.of(DocumentScore.of(0.3))));
        assertThat(reply).doesNotContain("tokens");
        String job = json.writeValueAsString(new ScoreJob("job-4", "f", "i", Content.text("q"), List.of(Content.text("d"))));
        assertThat(job).doesNotContain("maxDocumentTokens").doesNotContain("countTokens").doesNotContain("deadline");
        assertThat(json.readTree(reply).get("scores").get(0).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("score", "subScores", "flags", "consistency");
    }

    @Test
    void messagesWithoutTheNewFieldsStillRead() throws Exception {
        ScoreReply old = json.readValue("""
                {"jobId":"job-2","model":"lite","scores":[{"score":0.5,"subScores":{},"flags":[],"consistency":null}],
                 "error":null,"errorStatus":null,"errorIndex":null}""", ScoreReply.class);
        assertThat(old.scores().get(0).score()).isEqualTo(0.5);
        assertThat(old.scores().get(0).tokens()).isNull();

        ScoreJob oldJob = json.readValue("""
                {"id":"job-3","replyTo":"f","instruction":"i","query":{"text":"q"},"documents":[{"text":"d"}]}""",
                ScoreJob.class);
        assertThat(oldJob.maxDocumentTokens()).isNull();
        assertThat(oldJob.documents()).hasSize(1);
    }
}
