package ai.lychee.rerank.worker.mm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The shapes of what one scorer call ran: each decoder pass (rows, tokens per row as padded, cached tokens before
 * them) and each image's patch count through the vision tower. Enough to count the call's FLOPs on paper.
 */
public final class ForwardWork {

    /** One decoder pass: {@code rows} sequences of {@code tokens} new tokens each, after {@code cached} prefix tokens. */
    public record DecoderPass(int rows, int tokens, int cached) {
    }

    private final List<DecoderPass> passes = new ArrayList<>();
    private final List<Integer> imagePatches = new ArrayList<>();

    void pass(int rows, int tokens, int cached) {
        passes.add(new DecoderPass(rows, tokens, cached));
    }

    void image(int patches) {
        imagePatches.add(patches);
    }

    public List<DecoderPass> passes() {
        return Collections.unmodifiableList(passes);
    }

    public List<Integer> imagePatches() {
        return Collections.unmodifiableList(imagePatches);
    }
}
