package ai.lychee.rerank.worker.mm;

import java.util.List;

/**
 * Qwen2.5-VL's multimodal rotary position index: three rows (time, height, width). Text tokens advance
 * all three together; an image's tokens share the start position in time and spread over its merged
 * height and width grid; text after an image resumes one past the largest position used.
 */
public final class MropeIndex {

    private MropeIndex() {
    }

    /**
     * Positions for one unpadded sequence.
     *
     * @param grids per image in order of appearance: {t, h, w} in patches (before the merge)
     */
    public static long[][] of(int[] ids, List<int[]> grids, int imageTokenId, int mergeSize) {
        long[][] pos = new long[3][ids.length];
        long next = 0;
        int image = 0;
        int i = 0;
        while (i < ids.length) {
            if (ids[i] != imageTokenId) {
                pos[0][i] = next;
                pos[1][i] = next;
                pos[2][i] = next;
                next++;
                i++;
                continue;
            }
            if (image >= grids.size()) {
                throw new IllegalArgumentException("more image token runs than images (" + grids.size() + ")");
            }
            int[] g = grids.get(image++);
            int t = g[0];
            int h = g[1] / mergeSize;
            int w = g[2] / mergeSize;
            int count = t * h * w;
            for (int k = 0; k < count; k++) {
                if (i + k >= ids.length || ids[i + k] != imageTokenId) {
                    throw new IllegalArgumentException("image " + (image - 1) + " needs " + count
                            + " consecutive image tokens from index " + i);
                }
                // images are a single still frame: the time row stays at the start (second_per_grid_t = 0)
                pos[0][i + k] = next;
                pos[1][i + k] = next + (k / w) % h;
                pos[2][i + k] = next + k % w;
            }
            next += Math.max(1, Math.max(h, w));
            i += count;
        }
        if (image != grids.size()) {
            throw new IllegalArgumentException(grids.size() + " images but " + image + " image token runs");
        }
        return pos;
    }
}
