package ai.lychee.rerank.worker.lite;

import ai.lychee.rerank.worker.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Embeddings already computed, keyed by model and the SHA-256 of the text, least recently used evicted
 * first. Candidate pools repeat across requests, so a known document costs only a lookup.
 */
final class EmbeddingCache {

    private final int capacity;
    private final Map<String, float[]> entries;
    private long hits;
    private long misses;

    EmbeddingCache(int capacity) {
        this.capacity = Math.max(0, capacity);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > EmbeddingCache.this.capacity;
            }
        };
    }

    static String key(BgeModel model, String text) {
        return model.key() + ':' + Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
    }

    synchronized float[] get(String key) {
        if (capacity == 0) {
            return null;
        }
        float[] v = entries.get(key);
        if (v == null) {
            misses++;
        } else {
            hits++;
        }
        return v;
    }

    synchronized void put(String key, float[] embedding) {
        if (capacity > 0) {
            entries.put(key, embedding);
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }
}
