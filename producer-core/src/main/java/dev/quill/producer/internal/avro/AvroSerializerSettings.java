package dev.quill.producer.internal.avro;

import java.util.Map;

import dev.quill.producer.internal.registry.ConfigValues;
import dev.quill.producer.internal.registry.RegistrySettings;
import dev.quill.producer.internal.registry.SubjectNameStrategy;

/**
 * The Avro serializer's configuration, by Confluent's keys and with Confluent's defaults, so that a
 * {@code KafkaAvroSerializer} configuration means the same here. The id is chosen as Confluent chooses it:
 * auto.register.schemas first, then use.schema.id, then use.latest.version, else a lookup of the value's schema.
 *
 * @param autoRegister {@code auto.register.schemas}: register the value's schema under its subject
 * @param useSchemaId {@code use.schema.id}: write this id (checked against the registry once), -1 for none
 * @param useLatestVersion {@code use.latest.version}: write the id of the subject's latest version
 * @param latestCompatibilityStrict {@code latest.compatibility.strict}: with use.latest.version, the latest version
 *        must be able to read data written with the value's schema
 * @param normalize {@code normalize.schemas}: ask the registry to normalize schemas before comparing them
 * @param removeJavaProperties {@code avro.remove.java.properties}: drop {@code avro.java.string} from schemas
 *        before they reach the registry
 * @param subjectNameStrategy {@code key.subject.name.strategy} or {@code value.subject.name.strategy}
 * @param registry how to reach the registry
 */
public record AvroSerializerSettings(boolean autoRegister, int useSchemaId, boolean useLatestVersion,
                                     boolean latestCompatibilityStrict, boolean normalize,
                                     boolean removeJavaProperties, SubjectNameStrategy subjectNameStrategy,
                                     RegistrySettings registry) {

    public static AvroSerializerSettings from(Map<String, ?> configs, boolean isKey) {
        ConfigValues config = new ConfigValues(configs);
        String strategyKey = isKey ? "key.subject.name.strategy" : "value.subject.name.strategy";
        return new AvroSerializerSettings(
                config.bool("auto.register.schemas", true),
                config.integer("use.schema.id", -1, -1),
                config.bool("use.latest.version", false),
                config.bool("latest.compatibility.strict", true),
                config.bool("normalize.schemas", false),
                config.bool("avro.remove.java.properties", false),
                SubjectNameStrategy.forConfig(strategyKey, config.string(strategyKey)),
                RegistrySettings.from(configs));
    }
}
