/**
 * Quill's Kafka producer. Exports the API applications use; {@code dev.quill.producer.internal.*} stays inside, so
 * on the module path nothing outside can come to depend on it. The codecs, Avro and kafka-clients are optional:
 * an application that configures them brings them.
 */
module dev.quill.producer {
    requires java.net.http;

    requires static com.github.luben.zstd_jni;
    requires static kafka.clients;
    requires static org.apache.avro;
    requires static org.lz4.java;
    requires static snappy.java;

    exports dev.quill.producer;
    exports dev.quill.producer.errors;
    exports dev.quill.producer.serialization;
    exports dev.quill.producer.testing;
}
