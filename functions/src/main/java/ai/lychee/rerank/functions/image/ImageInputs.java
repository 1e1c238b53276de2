package ai.lychee.rerank.functions.image;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The edge's one door for images: {@code image_url} (fetched safely) or {@code image_base64}, size- and
 * type-checked. The bytes go to the worker unchanged; decoding happens there.
 */
@ApplicationScoped
public class ImageInputs {
    private final SafeImageFetcher fetcher;
    private final long maxBytes;

    @Inject
    public ImageInputs(ImageFetchConfig config) {
        this(new SafeImageFetcher(config.allowPrivateNetworks() ? AddressPolicy.publicAndPrivate()
                : AddressPolicy.publicOnly(), config.maxBytes(), config.timeout(), config.maxRedirects()),
                config.maxBytes());
    }

    public ImageInputs(SafeImageFetcher fetcher, long maxBytes) {
        this.fetcher = fetcher;
        this.maxBytes = maxBytes;
    }

    /** An accepted image and its type. */
    public record ImageBytes(byte[] bytes, ImageType type) {
    }

    /**
     * Reads the image a query or document names; {@code field} is its JSON path ("documents[3]").
     * Exactly one of the two sources must be given.
     */
    public ImageBytes read(String imageUrl, String imageBase64, String field) {
        boolean hasUrl = imageUrl != null && !imageUrl.isBlank();
        boolean hasBase64 = imageBase64 != null && !imageBase64.isBlank();
        if (hasUrl && hasBase64) {
            throw new ImageInputException(400, field, field + " has both image_url and image_base64; give one");
        }
        if (hasUrl) {
            String f = field + ".image_url";
            byte[] bytes = fetcher.fetch(imageUrl, f);
            return new ImageBytes(bytes, ImageType.sniff(bytes, f));
        }
        if (hasBase64) {
            String f = field + ".image_base64";
            byte[] bytes = Base64Image.decode(imageBase64, f, maxBytes);
            return new ImageBytes(bytes, ImageType.sniff(bytes, f));
        }
        throw new ImageInputException(400, field, field + " has no image");
    }
}
