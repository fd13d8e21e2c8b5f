package dev.quill.spring.autoconfigure;

import java.util.List;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.Serializer;
import dev.quill.producer.errors.ConfigException;
import dev.quill.spring.ProducerListener;
import dev.quill.spring.ProducerTemplate;
import dev.quill.spring.observation.ProducerObservationConvention;

/**
 * A {@link QuillProducer} from {@code quill.producer.*}, a {@link ProducerTemplate} around it, and the lifecycle
 * that closes it on shutdown. Each bean backs off when the application defines its own; everything backs off
 * with {@code quill.producer.enabled=false}.
 */
// After SSL bundles, so that quill.producer.ssl.bundle finds spring.ssl.bundle.* registered.
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@ConditionalOnClass(QuillProducer.class)
@ConditionalOnBooleanProperty(name = "quill.producer.enabled", matchIfMissing = true)
@EnableConfigurationProperties(QuillProducerProperties.class)
public final class QuillProducerAutoConfiguration {

    private final QuillProducerProperties properties;

    QuillProducerAutoConfiguration(QuillProducerProperties properties) {
        this.properties = properties;
    }

    /**
     * Closed by {@link QuillProducerLifecycle} with {@code close-timeout}, not by Spring's inferred
     * {@code close()}, which would wait without limit for an unreachable cluster.
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean(QuillProducer.class)
    QuillProducer<?, ?> quillProducer(ObjectProvider<ProducerCustomizer> customizers,
                                      ObjectProvider<SslBundles> sslBundles, BeanFactory beanFactory) {
        ProducerConfigFactory configFactory = new ProducerConfigFactory(properties, sslBundles.getIfAvailable());
        ProducerConfig config = configFactory.create(customizers.orderedStream().toList());
        // The context's class loader, not ours: it is the one that sees (or hides) the application's libraries.
        ClassLoader classLoader = beanFactory instanceof ConfigurableBeanFactory configurable
                && configurable.getBeanClassLoader() != null ? configurable.getBeanClassLoader()
                : getClass().getClassLoader();
        SerializerFactory serializers = new SerializerFactory(beanFactory, classLoader);
        try {
            return QuillProducer.create(config, serializer(serializers, "key", properties.getKeySerializer(), config),
                    serializer(serializers, "value", properties.getValueSerializer(), config));
        } catch (ConfigException e) {
            // Refused when the producer starts (a codec's library is missing, say): name the property behind it.
            throw configFactory.translate(e);
        }
    }

    /** The serializer {@code properties[key.serializer]} (or value) names, which wins, else the typed property's. */
    private Serializer<Object> serializer(SerializerFactory serializers, String part, String typed, ProducerConfig config) {
        String kafkaKey = part + ".serializer";
        String passedThrough = properties.getProperties().get(kafkaKey);
        return passedThrough != null
                ? serializers.create(QuillProducerProperties.PREFIX + ".properties[" + kafkaKey + "]", passedThrough,
                        config, part.equals("key"))
                : serializers.create(QuillProducerProperties.PREFIX + "." + part + "-serializer", typed, config,
                        part.equals("key"));
    }

    /** For every producer in the context, the auto-configured one or the application's own. */
    @Bean
    @ConditionalOnMissingBean(QuillProducerLifecycle.class)
    @ConditionalOnBean(QuillProducer.class)
    QuillProducerLifecycle quillProducerLifecycle(ObjectProvider<QuillProducer<?, ?>> producers) {
        return new QuillProducerLifecycle(producers.orderedStream().toList(), properties.getCloseTimeout());
    }

    /**
     * Declared with wildcards so that {@code ProducerTemplate<String, Order>} (any key and value types) injects;
     * the serializers chosen by the properties decide which types actually work.
     */
    @Bean
    @ConditionalOnMissingBean(ProducerTemplate.class)
    @ConditionalOnSingleCandidate(QuillProducer.class)
    ProducerTemplate<?, ?> producerTemplate(QuillProducer<?, ?> producer,
                                            ObjectProvider<ProducerListener<?, ?>> listeners,
                                            ObjectProvider<ObservationRegistry> observationRegistry,
                                            ObjectProvider<ProducerObservationConvention> observationConvention) {
        @SuppressWarnings("unchecked")
        ProducerTemplate<Object, Object> template = new ProducerTemplate<>((QuillProducer<Object, Object>) producer)
                .withDefaultTopic(properties.getDefaultTopic())
                .withSendTimeout(properties.getSendTimeout());
        if (properties.isObservationEnabled()) {
            template = template.withObservation(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
            ProducerObservationConvention convention = observationConvention.getIfUnique();
            if (convention != null) {
                template = template.withObservationConvention(convention);
            }
        }
        List<ProducerListener<?, ?>> all = listeners.orderedStream().toList();
        for (ProducerListener<?, ?> listener : all) {
            @SuppressWarnings("unchecked")
            ProducerListener<Object, Object> typed = (ProducerListener<Object, Object>) listener;
            template = template.withListener(typed);
        }
        return template;
    }
}
