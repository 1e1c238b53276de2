package ai.lychee.rerank.worker;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content digests for the worker's caches (texts' embeddings, images' evidence). */
public final class Sha256 {

    private Sha256() {
    }

    /** The SHA-256 of these bytes in lower-case hex. */
    public static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
