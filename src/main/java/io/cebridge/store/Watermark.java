package io.cebridge.store;

/** Position of a poller: the last source stamp safely handed on, and the id that breaks ties on that stamp. */
public record Watermark(String stamp, String tieId) {
    /** True when (stamp, id) sorts after this watermark. */
    public boolean isBefore(String otherStamp, String otherId) {
        int c = stamp.compareTo(otherStamp);
        return c < 0 || (c == 0 && tieId.compareTo(otherId) < 0);
    }
}
