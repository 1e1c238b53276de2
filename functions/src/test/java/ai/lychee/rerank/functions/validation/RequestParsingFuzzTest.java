package ai.lychee.rerank.functions.validation;

import ai.lychee.rerank.functions.FunctionsConfig;
import ai.lychee.rerank.functions.api.RerankRequest;
import ai.lychee.rerank.functions.api.ScoreRequest;
import ai.lychee.rerank.functions.http.StrictJson;
import ai.lychee.rerank.functions.http.cohere.CohereRerank;
import ai.lychee.rerank.functions.http.cohere.CohereRerankRequest;
import ai.lychee.rerank.functions.image.AddressPolicy;
import ai.lychee.rerank.functions.image.ImageInputs;
import ai.lychee.rerank.functions.image.SafeImageFetcher;
import ai.lychee.rerank.functions.instructions.InstructionTemplates;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;

/**
 * Coverage-guided fuzzing of what the edge does with untrusted bytes: JSON parsing into the request
 * types and validation. The only acceptable failures are a JSON error or an {@link InvalidRequestException}
 * (both become 4xx problems); anything else is a crash Jazzer reports with the input that caused it.
 * In {@code ./mvnw verify} it replays its corpus (src/test/resources/.../RequestParsingFuzzTestInputs)
 * and runs briefly; {@code scripts/fuzz.sh DURATION} runs {@link #fuzzerTestOneInput} for longer with Jazzer's
 * driver and turns each crash into a bad-input corpus case ({@link FuzzFindings}).
 */
public class RequestParsingFuzzTest {

    private static final ObjectMapper STRICT = asTheServiceReads(true);
    private static final ObjectMapper LENIENT = asTheServiceReads(false);
    private static final RequestValidator VALIDATOR = validator();

    @FuzzTest(maxDuration = "15s")
    void parsingAndValidationFailOnlyWithClientErrors(FuzzedDataProvider data) {
        fuzzerTestOneInput(data);
    }

    /** What one fuzzed input is: which request type, and the body. */
    record Input(int kind, String body) {
        static final String[] PATHS = {"/api/rerank", "/api/score", "/v1/rerank"};

        static Input from(FuzzedDataProvider data) {
            int kind = data.consumeInt(0, 2);
            return new Input(kind, data.consumeRemainingAsString());
        }

        String path() {
            return PATHS[kind];
        }
    }

    /** The entry point {@code scripts/fuzz.sh} runs with Jazzer's own driver, for as long as it is told. */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        Input input = Input.from(data);
        try {
            switch (input.kind()) {
                case 0 -> VALIDATOR.validate(STRICT.readValue(input.body(), RerankRequest.class));
                case 1 -> VALIDATOR.validate(STRICT.readValue(input.body(), ScoreRequest.class));
                default -> VALIDATOR.validate(CohereRerank.toOurs(LENIENT.readValue(input.body(), CohereRerankRequest.class), null));
            }
        } catch (JsonProcessingException | InvalidRequestException expected) {
            // a 4xx for the caller
        } catch (RuntimeException | Error crash) {
            FuzzFindings.record(input, crash);
            throw crash;
        }
    }

    /** Configured as the service's mapper is (StrictJson), with unknown fields refused on our API only. */
    private static ObjectMapper asTheServiceReads(boolean failOnUnknown) {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, failOnUnknown);
        new StrictJson().customize(mapper);
        return mapper;
    }

    private static RequestValidator validator() {
        FunctionsConfig config = new FixedConfig();
        // Public addresses only, and no time to wait: a fuzzed URL must never cause a real fetch of note.
        ImageInputs images = new ImageInputs(new SafeImageFetcher(AddressPolicy.publicOnly(), 1 << 20,
                Duration.ofMillis(1), 0), 1 << 20);
        return new RequestValidator(config, new InstructionTemplates(), new ContentResolver(config, images));
    }

    /** The defaults of {@link FunctionsConfig}, as values. */
    private static final class FixedConfig implements FunctionsConfig {
        @Override
        public int maxDocuments() {
            return 100;
        }

        @Override
        public int maxTextChars() {
            return 20000;
        }

        @Override
        public Duration workerTimeout() {
            return Duration.ofSeconds(60);
        }

        @Override
        public Cache cache() {
            return new Cache() {
                @Override
                public boolean enabled() {
                    return true;
                }

                @Override
                public Duration ttl() {
                    return Duration.ofHours(1);
                }

                @Override
                public long maxEntries() {
                    return 1000;
                }

                @Override
                public String store() {
                    return "memory";
                }

                @Override
                public Duration redisTimeout() {
                    return Duration.ofMillis(300);
                }
            };
        }

        @Override
        public String instanceId() {
            return "fuzz-test";
        }
    }
}
