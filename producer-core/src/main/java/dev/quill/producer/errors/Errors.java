package dev.quill.producer.errors;

/**
 * Kafka's error codes as the producer sees them, each with whether a retry can fix it.
 * (Skeleton: the full table is being filled in.)
 */
public enum Errors {
    UNKNOWN_SERVER_ERROR(-1, false, "The server experienced an unexpected error when processing the request."),
    NONE(0, false, "");

    private final short code;
    private final boolean retriable;
    private final String description;

    Errors(int code, boolean retriable, String description) {
        this.code = (short) code;
        this.retriable = retriable;
        this.description = description;
    }

    public short code() {
        return code;
    }

    public boolean isRetriable() {
        return retriable;
    }

    public String description() {
        return description;
    }
}
