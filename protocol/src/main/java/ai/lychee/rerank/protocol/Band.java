package ai.lychee.rerank.protocol;

/** What a score means to a caller: high (> 0.7) use it, medium (0.4 to 0.7) secondary pool, low (< 0.4) filter out. */
public enum Band {
    HIGH, MEDIUM, LOW;

    public static final double HIGH_ABOVE = 0.7;
    public static final double LOW_BELOW = 0.4;

    public static Band of(double score) {
        if (score > HIGH_ABOVE) {
            return HIGH;
        }
        return score < LOW_BELOW ? LOW : MEDIUM;
    }

    /** The lower-case name used on the wire ("high", "medium", "low"). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
