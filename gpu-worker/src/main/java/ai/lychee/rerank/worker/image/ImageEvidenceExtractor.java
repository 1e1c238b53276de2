package ai.lychee.rerank.worker.image;

import ai.lychee.rerank.worker.Sha256;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Image bytes to {@link ImageEvidence}: decode and normalize once, then OCR, colours, optional labelers,
 * quality flags and a fingerprint; results are cached by content digest (bounded, least recently used first out)
 * so an image seen in many requests, or many tasks of an eval, costs once. Models load on first use.
 */
public class ImageEvidenceExtractor implements AutoCloseable {
    private static final int IMAGE_CACHE_ENTRIES = 32;

    private final ImageSettings settings;
    private final ImageDecoder decoder;
    private final ColourNamer colours = new ColourNamer();
    private final QualityInspector quality = new QualityInspector();
    private final ImageSimilarity similarity = new ImageSimilarity();
    private final StageTimings timings = new StageTimings();
    private final Map<String, ImageEvidence> evidence;
    private final Map<String, NormalizedImage> images;
    private volatile ImageTextReader ocr;
    private volatile ImageNetClassifier classifier;
    private volatile CocoDetector detector;

    public ImageEvidenceExtractor(ImageSettings settings) {
        this.settings = settings;
        this.decoder = new ImageDecoder(settings.maxPixels(), settings.maxSide(), settings.ocrMaxSide());
        this.evidence = lru(settings.cacheEntries());
        this.images = lru(IMAGE_CACHE_ENTRIES);
    }

    /** Loads the models that are configured, so the first request does not pay for it. */
    public synchronized void warmUp() {
        if (settings.ocrEnabled() && ocr == null) {
            ocr = new ImageTextReader();
        }
        if (settings.hasClassifier() && classifier == null) {
            classifier = new ImageNetClassifier(settings.classifierModel(), settings.classifierLabels());
        }
        if (settings.hasDetector() && detector == null) {
            detector = new CocoDetector(settings.detectorModel(), settings.detectorLabels());
        }
    }

    public boolean labelersConfigured() {
        return settings.hasClassifier() || settings.hasDetector();
    }

    /**
     * The evidence of an image; {@code digest} is the caller's content digest (computed here when null).
     *
     * @throws ImageRejectedException when the bytes are not an acceptable image
     */
    public ImageEvidence extract(byte[] bytes, String digest) {
        String key = digest != null ? digest : digest(bytes);
        ImageEvidence cached;
        synchronized (evidence) {
            cached = evidence.get(key);
        }
        if (cached != null) {
            return cached;
        }
        warmUp();
        NormalizedImage image = normalized(bytes, key);

        long t = System.nanoTime();
        String text = ocr == null ? "" : String.join("\n", ocr.read(image.detail()));
        timings.record(StageTimings.OCR, System.nanoTime() - t);

        t = System.nanoTime();
        List<ObjectLabel> labels = new ArrayList<>();
        float[] features = null;
        if (classifier != null) {
            ImageNetClassifier.Result result = classifier.classify(image.image());
            labels.addAll(result.labels());
            features = result.features();
        }
        if (detector != null) {
            labels.addAll(detector.detect(image.image()));
        }
        if (labelersConfigured()) {
            timings.record(StageTimings.LABELERS, System.nanoTime() - t);
        }

        t = System.nanoTime();
        BufferedImage img = image.image();
        ImageEvidence result = new ImageEvidence(key, image.originalWidth(), image.originalHeight(), text,
                colours.dominant(img), List.copyOf(labels), quality.flags(image, !text.isBlank()),
                ImageFingerprint.of(img, features));
        timings.record(StageTimings.ANALYSIS, System.nanoTime() - t);
        synchronized (evidence) {
            evidence.put(key, result);
        }
        return result;
    }

    /** The decoded, upright, sRGB, size-bounded image (cached by digest). */
    public NormalizedImage normalized(byte[] bytes, String digest) {
        String key = digest != null ? digest : digest(bytes);
        synchronized (images) {
            NormalizedImage cached = images.get(key);
            if (cached != null) {
                return cached;
            }
        }
        long t = System.nanoTime();
        NormalizedImage image = decoder.decode(bytes);
        timings.record(StageTimings.DECODE, System.nanoTime() - t);
        synchronized (images) {
            images.put(key, image);
        }
        return image;
    }

    /** How likely two images show the same picture (re-encoded, resized or cropped), in [0, 1]. */
    public double similarity(ImageEvidence a, ImageEvidence b) {
        return similarity.similarity(a.fingerprint(), b.fingerprint());
    }

    public StageTimings timings() {
        return timings;
    }

    public static String digest(byte[] bytes) {
        return "sha256:" + Sha256.hex(bytes);
    }

    @Override
    public synchronized void close() {
        if (ocr != null) {
            ocr.close();
        }
        if (classifier != null) {
            classifier.close();
        }
        if (detector != null) {
            detector.close();
        }
    }

    private static <V> Map<String, V> lru(int entries) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > entries;
            }
        };
    }

}
