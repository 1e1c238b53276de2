package ai.lychee.rerank.worker.lite;

import ai.lychee.rerank.worker.lite.onnx.OnnxModel;
import ai.lychee.rerank.worker.lite.onnx.OnnxNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rewrites of the bundled bge ONNX graphs that change no bit of any result but leave ONNX Runtime less to do
 * (measured on bge-small-en, one 80-token text on one core: 11.3 ms as shipped, 9.7 ms tuned; see
 * docs/performance.md):
 * <ul>
 * <li><b>Bias adds turned around.</b> The export writes every linear layer's bias add as {@code Add(bias, x)};
 * ONNX Runtime folds a bias into its quantized matmul only when it is the second operand. Addition commutes
 * exactly in IEEE arithmetic, so {@code Add(x, bias)} gives the same bits and 60 of the 98 adds disappear into
 * the matmuls.</li>
 * <li><b>Attention-mask adds dropped, for unpadded runs only.</b> Each attention layer adds the mask term
 * (0 where attended, a large negative number at padding) to its scores. A text that runs alone has no padding,
 * so the term is all zeros and {@code x + 0 == x}: the add is skipped, and so is the mask's own arithmetic.</li>
 * </ul>
 * A graph that does not look as expected is left as it is; the counts say what was done.
 */
final class BertGraphTuning {

    /** The rewritten model and what was rewritten. */
    record Result(byte[] model, int biasAddsTurned, int maskAddsDropped, int nodesBefore, int nodesAfter) {

        /** What was done, in words; "as shipped" when the graph offered nothing to rewrite. */
        String summary() {
            if (biasAddsTurned == 0 && maskAddsDropped == 0) {
                return "as shipped";
            }
            return biasAddsTurned + " bias adds turned for fusion, " + maskAddsDropped + " attention-mask adds dropped, "
                    + nodesBefore + " -> " + nodesAfter + " nodes";
        }
    }

    static final String ATTENTION_MASK = "attention_mask";

    private BertGraphTuning() {
    }

    /**
     * @param unpadded whether every run holds one text (no padding, an all-ones mask): only then may the mask
     *     adds go
     */
    static Result tune(byte[] model, boolean unpadded) {
        OnnxModel graph = OnnxModel.parse(model);
        int before = graph.nodes().size();
        int turned = turnBiasAdds(graph);
        int dropped = unpadded ? dropMaskAdds(graph) : 0;
        if (turned == 0 && dropped == 0) {
            return new Result(model, 0, 0, before, before);
        }
        graph.removeUnusedNodes();
        return new Result(graph.toBytes(), turned, dropped, before, graph.nodes().size());
    }

    private static int turnBiasAdds(OnnxModel graph) {
        int turned = 0;
        for (OnnxNode n : graph.nodes()) {
            List<String> in = n.inputs();
            if (n.opType().equals("Add") && in.size() == 2 && graph.isInitializer(in.get(0)) && !graph.isInitializer(in.get(1))) {
                n.setInput(0, in.get(1));
                n.setInput(1, in.get(0));
                turned++;
            }
        }
        return turned;
    }

    /**
     * The adds that feed a Softmax with a term computed from the attention mask alone; each one's readers are
     * pointed at its other operand. Returns how many were dropped.
     */
    private static int dropMaskAdds(OnnxModel graph) {
        if (!graph.inputs().contains(ATTENTION_MASK)) {
            return 0;
        }
        Set<String> maskOnly = maskOnlyTensors(graph);
        int dropped = 0;
        for (OnnxNode add : List.copyOf(graph.nodes())) {
            List<String> in = add.inputs();
            if (!add.opType().equals("Add") || in.size() != 2 || maskOnly.contains(in.get(0)) == maskOnly.contains(in.get(1))) {
                continue;
            }
            String sum = add.outputs().get(0);
            List<OnnxNode> readers = graph.consumers(sum);
            if (graph.outputs().contains(sum) || readers.isEmpty() || !readers.stream().allMatch(r -> r.opType().equals("Softmax"))) {
                continue;
            }
            String scores = maskOnly.contains(in.get(0)) ? in.get(1) : in.get(0);
            for (OnnxNode r : readers) {
                List<String> rin = r.inputs();
                for (int i = 0; i < rin.size(); i++) {
                    if (rin.get(i).equals(sum)) {
                        r.setInput(i, scores);
                    }
                }
            }
            dropped++;
        }
        return dropped;
    }

    /** Tensors computed from the attention mask and constants only (the mask's broadcast additive term). */
    private static Set<String> maskOnlyTensors(OnnxModel graph) {
        Set<String> mask = new HashSet<>(Set.of(ATTENTION_MASK));
        Set<String> constant = new HashSet<>();
        constant.add("");
        for (OnnxNode n : graph.nodes()) {
            boolean allKnown = true;
            boolean anyMask = false;
            for (String in : n.inputs()) {
                boolean isMask = mask.contains(in);
                anyMask |= isMask;
                allKnown &= isMask || constant.contains(in) || graph.isInitializer(in);
            }
            if (allKnown) {
                (anyMask ? mask : constant).addAll(n.outputs());
            }
        }
        return mask;
    }
}
