package ai.lychee.rerank.functions.cache;

import ai.lychee.rerank.protocol.Content;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of what a query or document contains: equal content, equal digest, whatever its source. */
public final class ContentDigest {

    private ContentDigest() {
    }

    public static String of(Content content) {
        MessageDigest sha = sha256();
        if (content.text() != null) {
            sha.update(content.text().getBytes(StandardCharsets.UTF_8));
        }
        sha.update((byte) 0);
        if (content.hasImage()) {
            sha.update(content.image());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    public static String of(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static String ofBytes(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
