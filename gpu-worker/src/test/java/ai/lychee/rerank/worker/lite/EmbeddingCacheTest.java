package ai.lychee.rerank.worker.lite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddingCacheTest {

    @Test
    void staysBoundedAndKeepsWhatWasUsedLast() {
        EmbeddingCache cache = new EmbeddingCache(3);
        for (int i = 0; i < 10; i++) {
            cache.put(EmbeddingCache.key(BgeModel.EN, "doc " + i), new float[] {i});
            cache.get(EmbeddingCache.key(BgeModel.EN, "doc 0")); // keep doc 0 recently used
        }
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get(EmbeddingCache.key(BgeModel.EN, "doc 0"))).containsExactly(0f);
        assertThat(cache.get(EmbeddingCache.key(BgeModel.EN, "doc 9"))).containsExactly(9f);
        assertThat(cache.get(EmbeddingCache.key(BgeModel.EN, "doc 1"))).isNull();
    }

    @Test
    void theSameTextUnderAnotherModelIsAnotherEntry() {
        assertThat(EmbeddingCache.key(BgeModel.EN, "same")).isNotEqualTo(EmbeddingCache.key(BgeModel.ZH, "same"));
    }

    @Test
    void sizeZeroTurnsItOff() {
        EmbeddingCache cache = new EmbeddingCache(0);
        cache.put("k", new float[] {1});
        assertThat(cache.get("k")).isNull();
        assertThat(cache.size()).isZero();
    }
}
