package ai.lychee.rerank.functions.image;

import java.util.Base64;

/** Decodes {@code image_base64}: plain base64 (whitespace ignored) or a {@code data:image/...;base64,} URL. */
public final class Base64Image {
    private Base64Image() {
    }

    public static byte[] decode(String value, String field, long maxBytes) {
        String data = value.strip();
        if (data.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = data.indexOf(',');
            if (comma < 0 || !data.substring(0, comma).toLowerCase(java.util.Locale.ROOT).endsWith(";base64")) {
                throw new ImageInputException(400, field, field + " is a data: URL without ';base64,' data");
            }
            data = data.substring(comma + 1);
        }
        // Size is known before decoding: 4 characters carry 3 bytes.
        long estimated = (long) data.length() / 4 * 3;
        if (estimated > maxBytes + 3) {
            throw new ImageInputException(413, field, field + " holds about " + estimated + " bytes; the limit is "
                    + maxBytes + " (lychee.image.fetch.max-bytes)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new ImageInputException(400, field, field + " is not valid base64: " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new ImageInputException(400, field, field + " is empty");
        }
        if (bytes.length > maxBytes) {
            throw new ImageInputException(413, field, field + " holds " + bytes.length + " bytes; the limit is "
                    + maxBytes + " (lychee.image.fetch.max-bytes)");
        }
        return bytes;
    }
}
