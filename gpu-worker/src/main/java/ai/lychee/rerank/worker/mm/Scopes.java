package ai.lychee.rerank.worker.mm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Frees a step's intermediates as soon as the step is done. DJL frees what an {@link NDScope} collected only when
 * the scope closes; one scope around a whole forward pass would hold every layer's activations at once (tens of GB
 * for the 7B with a batch of images). Each layer, block or image runs in its own scope, and only what it returns
 * moves out to the enclosing one.
 */
final class Scopes {

    private Scopes() {
    }

    static NDArray[] keep(Supplier<NDArray[]> step) {
        NDArray[] kept;
        try (NDScope ignored = new NDScope()) {
            kept = step.get();
            for (NDArray array : kept) {
                if (array != null) {
                    NDScope.unregister(array);
                }
            }
        }
        for (NDArray array : kept) {
            if (array != null) {
                NDScope.register(array);
            }
        }
        return kept;
    }

    static NDArray keepOne(Supplier<NDArray> step) {
        return keep(() -> new NDArray[] {step.get()})[0];
    }
}
