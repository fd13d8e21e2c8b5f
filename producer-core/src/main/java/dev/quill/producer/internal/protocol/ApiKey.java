package dev.quill.producer.internal.protocol;

/**
 * The Kafka APIs Quill speaks, each with the version range Quill can encode and decode.
 *
 * <p>Ranges start where a producer built on RecordBatch v2 and KRaft-era brokers needs them to and stop
 * before versions Quill does not implement (Produce v13 addresses topics by id; InitProducerId v6 is
 * unstable in Kafka 4.1), so that negotiation never picks a version Quill cannot write. FindCoordinator
 * starts at v1, the first that can ask for a transaction coordinator. AddPartitionsToTxn stops at v3:
 * v4+ batches several transactions for the brokers' own verification (KIP-890) and needs the
 * ClusterAction permission, so a client never sends it.
 */
public enum ApiKey {
    PRODUCE(0, "Produce", 3, 12, 9),
    METADATA(3, "Metadata", 4, 12, 9),
    FIND_COORDINATOR(10, "FindCoordinator", 1, 6, 3),
    SASL_HANDSHAKE(17, "SaslHandshake", 0, 1, ApiKey.NEVER_FLEXIBLE),
    API_VERSIONS(18, "ApiVersions", 0, 4, 3),
    INIT_PRODUCER_ID(22, "InitProducerId", 0, 5, 2),
    ADD_PARTITIONS_TO_TXN(24, "AddPartitionsToTxn", 0, 3, 3),
    ADD_OFFSETS_TO_TXN(25, "AddOffsetsToTxn", 0, 4, 3),
    END_TXN(26, "EndTxn", 0, 5, 3),
    TXN_OFFSET_COMMIT(28, "TxnOffsetCommit", 0, 5, 3),
    SASL_AUTHENTICATE(36, "SaslAuthenticate", 0, 2, 2);

    private static final int NEVER_FLEXIBLE = Short.MAX_VALUE;

    private final short id;
    private final String displayName;
    private final short oldestVersion;
    private final short latestVersion;
    private final short firstFlexibleVersion;

    ApiKey(int id, String displayName, int oldestVersion, int latestVersion, int firstFlexibleVersion) {
        this.id = (short) id;
        this.displayName = displayName;
        this.oldestVersion = (short) oldestVersion;
        this.latestVersion = (short) latestVersion;
        this.firstFlexibleVersion = (short) firstFlexibleVersion;
    }

    public short id() {
        return id;
    }

    /** Kafka's name for the API, as brokers log it. */
    public String displayName() {
        return displayName;
    }

    public short oldestVersion() {
        return oldestVersion;
    }

    public short latestVersion() {
        return latestVersion;
    }

    public boolean supports(short version) {
        return version >= oldestVersion && version <= latestVersion;
    }

    /** Flexible versions use compact lengths and end every structure with tagged fields (KIP-482). */
    public boolean isFlexible(short version) {
        return version >= firstFlexibleVersion;
    }

    public short requestHeaderVersion(short version) {
        return (short) (isFlexible(version) ? 2 : 1);
    }

    public short responseHeaderVersion(short version) {
        // A client must read the ApiVersions response header before it knows what the broker speaks,
        // so that header stays v0 even for flexible versions (KIP-511).
        if (this == API_VERSIONS) {
            return 0;
        }
        return (short) (isFlexible(version) ? 1 : 0);
    }

    /** The API with this wire id, or null when Quill does not use it. */
    public static ApiKey forId(short id) {
        for (ApiKey key : values()) {
            if (key.id == id) {
                return key;
            }
        }
        return null;
    }

    String versionRange() {
        return "v" + oldestVersion + ".." + "v" + latestVersion;
    }

    void checkSupported(short version) {
        if (!supports(version)) {
            throw new IllegalArgumentException(
                    "Quill cannot use " + displayName + " v" + version + "; it supports " + versionRange());
        }
    }
}
