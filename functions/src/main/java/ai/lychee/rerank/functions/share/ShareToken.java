package ai.lychee.rerank.functions.share;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The share token, kept only as digests so that checks take the same time whatever is presented:
 * both sides are hashed to 32 bytes and compared with {@link MessageDigest#isEqual}, so neither
 * the length nor a matching prefix of the token can be learnt from timing.
 */
public final class ShareToken {

    private final byte[] tokenDigest;
    private final String cookieValue;
    private final byte[] cookieDigest;

    public ShareToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a share token must not be blank");
        }
        this.tokenDigest = sha256(token);
        // The cookie holds a value derived from the token, so a logged Cookie header does not give the token away.
        this.cookieValue = hmacHex(token, "lychee-share-cookie-v1");
        this.cookieDigest = sha256(cookieValue);
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(tokenDigest, sha256(presented));
    }

    public boolean matchesCookie(String presented) {
        return presented != null && MessageDigest.isEqual(cookieDigest, sha256(presented));
    }

    /** What the browser keeps in its cookie once it has shown the token. */
    public String cookieValue() {
        return cookieValue;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static String hmacHex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
