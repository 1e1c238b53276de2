package ai.lychee.rerank.worker.lite.onnx;

import java.util.ArrayList;
import java.util.List;

/** One NodeProto of an ONNX graph: its operator, inputs and outputs; inputs can be renamed in place. */
public final class OnnxNode {

    private static final int INPUT = 1;
    private static final int OUTPUT = 2;
    private static final int NAME = 3;
    private static final int OP_TYPE = 4;

    private final ProtoFields.Field field;
    private final List<ProtoFields.Field> fields;
    private final List<String> inputs;
    private final List<String> outputs;
    private final String name;
    private final String opType;
    private boolean changed;

    /** @param field the graph's node field this node was read from */
    OnnxNode(ProtoFields.Field field) {
        this.field = field;
        ProtoFields parsed = field.message();
        this.fields = parsed.all();
        this.inputs = new ArrayList<>(parsed.strings(INPUT));
        this.outputs = List.copyOf(parsed.strings(OUTPUT));
        this.name = parsed.string(NAME);
        this.opType = parsed.string(OP_TYPE);
    }

    public String opType() {
        return opType;
    }

    /** Input tensor names in order; "" stands for an omitted optional input. */
    public List<String> inputs() {
        return List.copyOf(inputs);
    }

    public List<String> outputs() {
        return outputs;
    }

    public void setInput(int index, String tensor) {
        if (!inputs.get(index).equals(tensor)) {
            inputs.set(index, tensor);
            changed = true;
        }
    }

    /** The graph's node field: as read when nothing changed, otherwise with the inputs rewritten where they stood. */
    ProtoFields.Field encode(int graphNodeField) {
        if (!changed) {
            return field;
        }
        List<ProtoFields.Field> out = new ArrayList<>(fields.size());
        int nextInput = 0;
        for (ProtoFields.Field f : fields) {
            out.add(f.number() == INPUT ? ProtoFields.Field.ofString(INPUT, inputs.get(nextInput++)) : f);
        }
        return ProtoFields.Field.ofMessage(graphNodeField, out);
    }

    @Override
    public String toString() {
        return opType + " " + name + " " + inputs + " -> " + outputs;
    }
}
