package ai.lychee.rerank.worker.mm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/** The few tensor operations both towers share, written once. */
final class Ops {

    private Ops() {
    }

    /** x @ w^T (+ b), weights in the checkpoint's [out, in] layout. */
    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        NDArray y = x.matMul(weight.transpose());
        return bias == null ? y : y.add(bias);
    }

    /** Qwen2RMSNorm: normalize in fp32, cast back, scale. */
    static NDArray rmsNorm(NDArray x, NDArray weight, double eps) {
        DataType type = x.getDataType();
        NDArray x32 = x.toType(DataType.FLOAT32, false);
        NDArray variance = x32.square().mean(new int[] {-1}, true);
        NDArray normed = x32.mul(variance.add(eps).pow(-0.5));
        return normed.toType(type, false).mul(weight);
    }

    /** [-x2, x1] over the last axis, the partner of cos/sin rotary embeddings. */
    static NDArray rotateHalf(NDArray x) {
        long half = x.getShape().getLastDimension() / 2;
        NDArray x1 = x.get(new NDIndex("..., :{}", half));
        NDArray x2 = x.get(new NDIndex("..., {}:", half));
        return NDArrays.concat(new ai.djl.ndarray.NDList(x2.neg(), x1), -1);
    }

    static NDArray applyRotary(NDArray x, NDArray cos, NDArray sin) {
        return x.mul(cos).add(rotateHalf(x).mul(sin));
    }

    /**
     * Scaled dot-product attention with an additive mask, softmax in fp32 as the reference's eager path does.
     * q [.., L, D], k and v [.., S, D], mask broadcastable to [.., L, S].
     */
    static NDArray attention(NDArray q, NDArray k, NDArray v, NDArray additiveMask) {
        long d = q.getShape().getLastDimension();
        NDArray scores = q.matMul(k.swapAxes(-1, -2)).toType(DataType.FLOAT32, false).mul(1.0 / Math.sqrt(d));
        if (additiveMask != null) {
            scores = scores.add(additiveMask);
        }
        NDArray probs = scores.softmax(-1).toType(v.getDataType(), false);
        return probs.matMul(v);
    }

    static NDArray silu(NDArray x) {
        return x.mul(ai.djl.nn.Activation.sigmoid(x));
    }
}
