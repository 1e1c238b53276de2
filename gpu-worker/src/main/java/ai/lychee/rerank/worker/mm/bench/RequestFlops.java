package ai.lychee.rerank.worker.mm.bench;

import ai.lychee.rerank.worker.mm.ForwardWork;

/**
 * FLOPs of one scorer call, counted from the shapes it ran ({@link ForwardWork}) and a layout's widths and depth:
 * multiply-adds as two, every matrix product as executed (attention over padded and masked positions included, the
 * vision tower's windowed blocks as the full masked products this implementation runs). Norms, rotary and softmax
 * are left out: under 1% at these widths.
 */
public final class RequestFlops {

    private RequestFlops() {
    }

    public static double of(QwenVlLayout layout, ForwardWork work) {
        return decoder(layout, work) + vision(layout, work);
    }

    public static double decoder(QwenVlLayout layout, ForwardWork work) {
        double h = layout.hidden();
        double q = (double) layout.heads() * layout.headDim();
        double kv = (double) layout.kvHeads() * layout.headDim();
        double perTokenPerLayer = 2 * (h * q + 2 * h * kv + q * h + 3 * h * layout.intermediate());
        double total = 0;
        for (ForwardWork.DecoderPass pass : work.passes()) {
            double tokens = (double) pass.rows() * pass.tokens();
            double attention = 4 * tokens * (pass.cached() + pass.tokens()) * q;
            total += layout.layers() * (tokens * perTokenPerLayer + attention) + 2 * pass.rows() * h * 2;
        }
        return total;
    }

    public static double vision(QwenVlLayout layout, ForwardWork work) {
        double h = QwenVlLayout.VISION_HIDDEN;
        double in = 3.0 * QwenVlLayout.TEMPORAL_PATCH * QwenVlLayout.PATCH * QwenVlLayout.PATCH;
        double unit = QwenVlLayout.MERGE * QwenVlLayout.MERGE;
        double total = 0;
        for (int patches : work.imagePatches()) {
            double n = patches;
            double perBlock = 2 * n * (4 * h * h + 3 * h * QwenVlLayout.VISION_INTERMEDIATE) + 4 * n * n * h;
            double merger = 2 * (n / unit) * ((unit * h) * (unit * h) + unit * h * layout.hidden());
            total += 2 * n * in * h + layout.visionDepth() * perBlock + merger;
        }
        return total;
    }
}
