package ai.lychee.rerank.worker.mm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.lychee.rerank.worker.Sha256;
import java.util.HashMap;
import java.util.Map;

/**
 * Part of the serving plan: the images of one scorer call. Each distinct image (by content digest) is preprocessed
 * and encoded by the vision tower once, however many pairs carry it; an image the {@link VisionCache} already holds
 * is neither preprocessed nor encoded. Closing hands what was encoded to the cache and trims it. (The pair-by-pair
 * plan shares nothing: there each pair's images are its own.)
 */
final class JobImages implements AutoCloseable {

    private record Encoded(ProcessedImage image, NDArray embeddings, boolean fromCache) {
    }

    private final QwenVlModel model;
    private final ImageProcessor processor;
    private final VisionCache cache;
    private final boolean shared;
    private final ForwardWork work;
    private final Map<String, ProcessedImage> processed = new HashMap<>();
    private final Map<String, Encoded> encoded = new HashMap<>();
    private long preprocessNanos;
    private long visionNanos;

    /**
     * @param shared false for the pair-by-pair plan: every occurrence of an image is preprocessed and encoded, and
     *               the cache is neither read nor filled
     */
    JobImages(QwenVlModel model, ImageProcessor processor, VisionCache cache, boolean shared, ForwardWork work) {
        this.model = model;
        this.processor = processor;
        this.cache = cache;
        this.shared = shared;
        this.work = work;
    }

    /**
     * The image as the prompt needs it (its grid; pixels only when the tower must still see it).
     *
     * @throws IllegalArgumentException when the bytes are not an image the processor takes
     */
    ProcessedImage image(byte[] bytes) {
        if (!shared) {
            long start = System.nanoTime();
            ProcessedImage pixels = processor.process(bytes);
            preprocessNanos += System.nanoTime() - start;
            return pixels;
        }
        String digest = Sha256.hex(bytes);
        ProcessedImage known = processed.get(digest);
        if (known != null) {
            return known;
        }
        VisionCache.Entry cached = cache.get(digest);
        ProcessedImage image;
        if (cached != null) {
            image = new ProcessedImage(null, cached.gridT(), cached.gridH(), cached.gridW(), digest);
            encoded.put(digest, new Encoded(image, cached.embeddings(), true));
        } else {
            long start = System.nanoTime();
            ProcessedImage pixels = processor.process(bytes);
            image = new ProcessedImage(pixels.pixelValues(), pixels.gridT(), pixels.gridH(), pixels.gridW(), digest);
            preprocessNanos += System.nanoTime() - start;
        }
        processed.put(digest, image);
        return image;
    }

    /** The image's embeddings, through the vision tower on first use in this job. A {@link QwenVlModel.VisionSource}. */
    NDArray embeddings(ProcessedImage image) {
        Encoded done = image.digest() == null ? null : encoded.get(image.digest());
        if (done != null) {
            return done.embeddings();
        }
        long start = System.nanoTime();
        work.image(image.patches());
        NDArray embeddings = model.encodeImage(image);
        visionNanos += System.nanoTime() - start;
        if (image.digest() != null) {
            // kept past the forward pass that asked for it: for the rest of the job, then by the cache
            NDScope.unregister(embeddings);
            encoded.put(image.digest(), new Encoded(image, embeddings, false));
        }
        return embeddings;
    }

    long preprocessNanos() {
        return preprocessNanos;
    }

    long visionNanos() {
        return visionNanos;
    }

    @Override
    public void close() {
        if (!shared) {
            return;
        }
        for (Map.Entry<String, Encoded> e : encoded.entrySet()) {
            Encoded done = e.getValue();
            if (!done.fromCache() && !cache.put(e.getKey(), done.image().gridT(), done.image().gridH(),
                    done.image().gridW(), done.embeddings())) {
                done.embeddings().close();
            }
        }
        cache.trim();
    }
}
