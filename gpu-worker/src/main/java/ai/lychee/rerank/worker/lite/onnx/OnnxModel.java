package ai.lychee.rerank.worker.lite.onnx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An ONNX ModelProto opened just far enough to rewire its graph: the nodes (in their topological order, as ONNX
 * requires), the names of initializers, graph inputs and graph outputs. Everything else is carried through as
 * read, so a model written back unchanged is the same bytes.
 */
public final class OnnxModel {

    // field numbers of onnx.proto
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int TENSOR_NAME = 8;
    private static final int VALUE_INFO_NAME = 1;

    private final List<ProtoFields.Field> modelFields;
    private final List<ProtoFields.Field> graphFields;
    private final List<OnnxNode> nodes = new ArrayList<>();
    private final Set<String> initializers = new HashSet<>();
    private final List<String> inputs = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();

    private OnnxModel(byte[] model) {
        this.modelFields = ProtoFields.parse(model).all();
        List<ProtoFields.Field> graphs = modelFields.stream().filter(f -> f.number() == MODEL_GRAPH).toList();
        if (graphs.size() != 1) {
            throw new IllegalArgumentException("not an ONNX model: expected one graph, found " + graphs.size());
        }
        this.graphFields = graphs.get(0).message().all();
        for (ProtoFields.Field f : graphFields) {
            switch (f.number()) {
                case GRAPH_NODE -> nodes.add(new OnnxNode(f));
                case GRAPH_INITIALIZER -> initializers.add(f.message().string(TENSOR_NAME));
                case GRAPH_INPUT -> inputs.add(f.message().string(VALUE_INFO_NAME));
                case GRAPH_OUTPUT -> outputs.add(f.message().string(VALUE_INFO_NAME));
                default -> { }
            }
        }
    }

    public static OnnxModel parse(byte[] model) {
        return new OnnxModel(model);
    }

    /** The nodes in topological order; removing one from this list removes it from the graph. */
    public List<OnnxNode> nodes() {
        return nodes;
    }

    public boolean isInitializer(String tensor) {
        return initializers.contains(tensor);
    }

    public List<String> inputs() {
        return List.copyOf(inputs);
    }

    public List<String> outputs() {
        return List.copyOf(outputs);
    }

    /** Every node that reads this tensor. */
    public List<OnnxNode> consumers(String tensor) {
        return nodes.stream().filter(n -> n.inputs().contains(tensor)).toList();
    }

    /** Drops the nodes whose outputs nothing needs (nothing reads them and they are not graph outputs). */
    public int removeUnusedNodes() {
        Set<String> needed = new HashSet<>(outputs);
        List<OnnxNode> kept = new ArrayList<>(nodes.size());
        for (int i = nodes.size() - 1; i >= 0; i--) {
            OnnxNode n = nodes.get(i);
            if (n.outputs().stream().anyMatch(needed::contains)) {
                kept.add(0, n);
                needed.addAll(n.inputs());
            }
        }
        int removed = nodes.size() - kept.size();
        nodes.clear();
        nodes.addAll(kept);
        return removed;
    }

    /**
     * The model as ONNX bytes, in one new array (the weights are copied once, straight from the bytes read);
     * the nodes take the place where the graph's first node stood.
     */
    public byte[] toBytes() {
        List<ProtoFields.Field> graph = new ArrayList<>(graphFields.size());
        boolean nodesWritten = false;
        for (ProtoFields.Field f : graphFields) {
            if (f.number() != GRAPH_NODE) {
                graph.add(f);
            } else if (!nodesWritten) {
                for (OnnxNode n : nodes) {
                    graph.add(n.encode(GRAPH_NODE));
                }
                nodesWritten = true;
            }
        }
        return ProtoFields.writeWithNested(modelFields, MODEL_GRAPH, graph);
    }
}
