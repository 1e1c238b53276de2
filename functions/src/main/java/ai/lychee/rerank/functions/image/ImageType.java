package ai.lychee.rerank.functions.image;

/**
 * The image types the service accepts, told apart by their first bytes (never by a file name or a
 * Content-Type header, which callers and servers get wrong).
 */
public enum ImageType {
    JPEG("image/jpeg"), PNG("image/png"), WEBP("image/webp"), GIF("image/gif"), BMP("image/bmp");

    private final String mediaType;

    ImageType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /**
     * The type of the bytes.
     *
     * @throws ImageInputException 415 for anything else (SVG, HTML, text, PDF, ...), naming the field
     */
    public static ImageType sniff(byte[] b, String field) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return JPEG;
        }
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
            return PNG;
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return WEBP;
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8'
                && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
            return GIF;
        }
        if (b.length >= 14 && b[0] == 'B' && b[1] == 'M') {
            return BMP;
        }
        throw new ImageInputException(415, field, field + " is not an image of an accepted type (JPEG, PNG, WebP, "
                + "GIF, BMP)" + (looksLikeSvg(b) ? "; SVG is not accepted" : ""));
    }

    private static boolean looksLikeSvg(byte[] b) {
        String head = new String(b, 0, Math.min(b.length, 512), java.nio.charset.StandardCharsets.ISO_8859_1);
        return head.contains("<svg");
    }
}
