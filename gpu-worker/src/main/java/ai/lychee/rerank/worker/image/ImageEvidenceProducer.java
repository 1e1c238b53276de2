package ai.lychee.rerank.worker.image;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the {@link ImageEvidenceExtractor} a bean built from {@code lychee.image.*}; models load on first use. */
@ApplicationScoped
public class ImageEvidenceProducer {

    @Produces
    @Singleton
    ImageEvidenceExtractor extractor(ImageConfig config) {
        return new ImageEvidenceExtractor(ImageSettings.from(config));
    }

    void close(@Disposes ImageEvidenceExtractor extractor) {
        extractor.close();
    }
}
