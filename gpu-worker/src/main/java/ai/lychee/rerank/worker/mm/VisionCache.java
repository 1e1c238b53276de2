package ai.lychee.rerank.worker.mm;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Part of the serving plan: vision-tower outputs kept across jobs, by image digest, because product photos and
 * screenshots recur across queries. Bounded in bytes of the embeddings it holds (on the model's device), least
 * recently used first out. Entries are only evicted in {@link #trim()}, between jobs, so a job never loses an
 * embedding it is still using.
 */
public final class VisionCache {

    /** One image's merged embeddings and the grid that says how many tokens they fill. */
    public record Entry(int gridT, int gridH, int gridW, NDArray embeddings, long bytes) {
    }

    private final long maxBytes;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private long bytes;

    public VisionCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("lychee.worker.mm.vision-cache-bytes must not be negative");
        }
        this.maxBytes = maxBytes;
    }

    /** The cached entry, counting a hit or a miss. */
    public synchronized Entry get(String digest) {
        Entry entry = entries.get(digest);
        (entry == null ? misses : hits).incrementAndGet();
        return entry;
    }

    /**
     * Keeps {@code embeddings} under {@code digest}; the cache owns it from now on. Returns false (and takes nothing)
     * when it can never fit, so the caller closes it.
     */
    public synchronized boolean put(String digest, int gridT, int gridH, int gridW, NDArray embeddings) {
        long size = embeddings.size() * embeddings.getDataType().getNumOfBytes();
        if (size > maxBytes || entries.containsKey(digest)) {
            return false;
        }
        entries.put(digest, new Entry(gridT, gridH, gridW, embeddings, size));
        bytes += size;
        return true;
    }

    /** Evicts least recently used entries until the bound holds. Call between jobs. */
    public void trim() {
        List<NDArray> evicted = new ArrayList<>();
        synchronized (this) {
            Iterator<Entry> oldestFirst = entries.values().iterator();
            while (bytes > maxBytes && oldestFirst.hasNext()) {
                Entry entry = oldestFirst.next();
                oldestFirst.remove();
                bytes -= entry.bytes();
                evicted.add(entry.embeddings());
            }
        }
        evicted.forEach(NDArray::close);
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int entries() {
        return entries.size();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Frees every entry (the model is closing). */
    public void clear() {
        List<Entry> all;
        synchronized (this) {
            all = new ArrayList<>(entries.values());
            entries.clear();
            bytes = 0;
        }
        all.forEach(e -> e.embeddings().close());
    }
}
