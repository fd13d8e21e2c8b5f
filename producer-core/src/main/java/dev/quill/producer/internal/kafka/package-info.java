/**
 * Adapters that run an application's own kafka-clients serializers and interceptors in Quill. The only code in
 * Quill that refers to kafka-clients (an optional dependency): these classes are loaded by name, through
 * {@code dev.quill.producer.internal.config.KafkaAdapters}, and only when such a plug-in is configured.
 */
package dev.quill.producer.internal.kafka;
