package ai.lychee.rerank.worker.image;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Time spent per stage of image work (decode, ocr, labelers, analysis), summed, for the benchmark. */
public final class StageTimings {
    public static final String DECODE = "decode";
    public static final String OCR = "ocr";
    public static final String LABELERS = "labelers";
    public static final String ANALYSIS = "colours+quality+fingerprint";

    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private volatile java.util.function.ObjLongConsumer<String> also = (stage, nanos) -> { };

    public void record(String stage, long elapsedNanos) {
        nanos.computeIfAbsent(stage, s -> new LongAdder()).add(elapsedNanos);
        counts.computeIfAbsent(stage, s -> new LongAdder()).increment();
        also.accept(stage, elapsedNanos);
    }

    /** Hands every recorded time to {@code listener} too (the worker's stage metrics). */
    public void forwardTo(java.util.function.ObjLongConsumer<String> listener) {
        this.also = listener;
    }

    /** Milliseconds per stage, summed since the last reset, in a stable order. */
    public Map<String, Double> millis() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String stage : new String[] {DECODE, OCR, LABELERS, ANALYSIS}) {
            LongAdder n = nanos.get(stage);
            out.put(stage, n == null ? 0.0 : n.sum() / 1e6);
        }
        return out;
    }

    public long count(String stage) {
        LongAdder c = counts.get(stage);
        return c == null ? 0 : c.sum();
    }

    public void reset() {
        nanos.clear();
        counts.clear();
    }
}
