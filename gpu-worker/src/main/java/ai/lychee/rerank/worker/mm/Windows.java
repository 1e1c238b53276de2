package ai.lychee.rerank.worker.mm;

import java.util.ArrayList;
import java.util.List;

/**
 * How one image's merged tokens are regrouped for window attention: windows of
 * {@code windowTokens x windowTokens} merged tokens in row-major window order (edge windows smaller),
 * the permutation that puts each window's tokens together, its inverse, and per patch the window and
 * the frame it attends within.
 */
record Windows(long[] index, long[] reverse, int[] windowSegments, int[] frameSegments) {

    static Windows of(ProcessedImage image, int mergeSize, int windowTokens) {
        int t = image.gridT();
        int gh = image.gridH() / mergeSize;
        int gw = image.gridW() / mergeSize;
        int unit = mergeSize * mergeSize;
        int windowsH = (gh + windowTokens - 1) / windowTokens;
        int windowsW = (gw + windowTokens - 1) / windowTokens;
        List<Long> order = new ArrayList<>();
        List<Integer> windowOfGroup = new ArrayList<>();
        int window = 0;
        for (int f = 0; f < t; f++) {
            for (int wh = 0; wh < windowsH; wh++) {
                for (int ww = 0; ww < windowsW; ww++) {
                    for (int y = wh * windowTokens; y < Math.min(gh, (wh + 1) * windowTokens); y++) {
                        for (int x = ww * windowTokens; x < Math.min(gw, (ww + 1) * windowTokens); x++) {
                            order.add((long) f * gh * gw + (long) y * gw + x);
                            windowOfGroup.add(window);
                        }
                    }
                    window++;
                }
            }
        }
        int groups = order.size();
        long[] index = new long[groups];
        long[] reverse = new long[groups];
        int[] windowSegments = new int[groups * unit];
        int[] frameSegments = new int[groups * unit];
        for (int g = 0; g < groups; g++) {
            index[g] = order.get(g);
            reverse[(int) index[g]] = g;
            for (int u = 0; u < unit; u++) {
                windowSegments[g * unit + u] = windowOfGroup.get(g);
                frameSegments[g * unit + u] = (int) (index[g] / ((long) gh * gw));
            }
        }
        return new Windows(index, reverse, windowSegments, frameSegments);
    }
}
