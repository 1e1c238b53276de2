package ai.lychee.rerank.worker.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** M-RoPE positions worked out by hand from the rule: text advances all three rows; an image spreads over h, w. */
class MropeIndexTest {

    private static final int IMG = 505;

    @Test
    void textOnlyCountsUpOnAllThreeRows() {
        long[][] pos = MropeIndex.of(new int[] {7, 8, 9}, List.of(), IMG, 2);
        assertThat(pos).isDeepEqualTo(new long[][] {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}});
    }

    @Test
    void anImageSpreadsOverItsMergedGridAndTextResumesPastItsLargestSide() {
        // text, vision start, a 4x6-patch image = 2x3 merged tokens, vision end, text
        int[] ids = {1, 502, IMG, IMG, IMG, IMG, IMG, IMG, 503, 2};
        long[][] pos = MropeIndex.of(ids, List.<int[]>of(new int[] {1, 4, 6}), IMG, 2);
        // image starts at 2: time stays 2; height 2,2,2,3,3,3; width 2,3,4,2,3,4; end token at 2 + max(2,3) = 5
        assertThat(pos[0]).containsExactly(0, 1, 2, 2, 2, 2, 2, 2, 5, 6);
        assertThat(pos[1]).containsExactly(0, 1, 2, 2, 2, 3, 3, 3, 5, 6);
        assertThat(pos[2]).containsExactly(0, 1, 2, 3, 4, 2, 3, 4, 5, 6);
    }

    @Test
    void aTallImageAdvancesByItsHeight() {
        // 6x4 patches = 3 rows x 2 columns of merged tokens
        int[] ids = {502, IMG, IMG, IMG, IMG, IMG, IMG, 503};
        long[][] pos = MropeIndex.of(ids, List.<int[]>of(new int[] {1, 6, 4}), IMG, 2);
        assertThat(pos[0]).containsExactly(0, 1, 1, 1, 1, 1, 1, 4);
        assertThat(pos[1]).containsExactly(0, 1, 1, 2, 2, 3, 3, 4);
        assertThat(pos[2]).containsExactly(0, 1, 2, 1, 2, 1, 2, 4);
    }

    @Test
    void refusesImageTokenRunsThatDoNotFitTheImages() {
        assertThatThrownBy(() -> MropeIndex.of(new int[] {IMG, IMG, 3}, List.<int[]>of(new int[] {1, 4, 4}), IMG, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 consecutive image tokens");
        assertThatThrownBy(() -> MropeIndex.of(new int[] {IMG}, List.of(), IMG, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
