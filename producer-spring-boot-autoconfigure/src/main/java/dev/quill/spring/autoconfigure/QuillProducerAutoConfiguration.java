package dev.quill.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.quill.producer.Producer;
import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerGroup;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.Serializer;
import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.testing.MockProducer;
import dev.quill.spring.ProducerListener;
import dev.quill.spring.ProducerTemplate;
import dev.quill.spring.observation.ProducerObservationConvention;
import dev.quill.spring.transaction.QuillTransactionManager;
import dev.quill.spring.transaction.TransactionalProducerPool;
import dev.quill.spring.transaction.TransactionalSends;

/**
 * A {@link QuillProducer} from {@code quill.producer.*} (or, with {@code quill.producer.mock.enabled}, a
 * {@link MockProducer} that connects to nothing), a {@link ProducerTemplate} around it, and the lifecycle that closes
 * it on shutdown. Each bean backs off when the application defines its own; everything backs off with
 * {@code quill.producer.enabled=false}. A {@link QuillConnectionDetails} bean (such as {@code @ServiceConnection}
 * registers) says where to connect, over the properties.
 *
 * <p>The producer bean is declared with its own class, so that it injects both as {@link Producer} and as
 * {@code QuillProducer} (or {@code MockProducer}); it backs off when the context has any {@link Producer} bean.
 */
// After SSL bundles, so that quill.producer.ssl.bundle finds spring.ssl.bundle.* registered.
// After the JDBC transaction manager, which steps back when any transaction manager exists: ours must not hide it.
@AutoConfiguration(afterName = {"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"})
@ConditionalOnClass(QuillProducer.class)
@ConditionalOnBooleanProperty(name = "quill.producer.enabled", matchIfMissing = true)
@EnableConfigurationProperties(QuillProducerProperties.class)
public final class QuillProducerAutoConfiguration {

    private static final Log LOG = LogFactory.getLog(QuillProducerAutoConfiguration.class);

    private final QuillProducerProperties properties;
    private final Environment environment;

    QuillProducerAutoConfiguration(QuillProducerProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /**
     * Closed by {@link QuillProducerLifecycle} with {@code close-timeout}, not by Spring's inferred
     * {@code close()}, which would wait without limit for an unreachable cluster.
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean(Producer.class)
    @ConditionalOnBooleanProperty(name = "quill.producer.mock.enabled", havingValue = false, matchIfMissing = true)
    QuillProducer<?, ?> quillProducer(ObjectProvider<ProducerCustomizer> customizers,
                                      ObjectProvider<SslBundles> sslBundles,
                                      ObjectProvider<QuillConnectionDetails> connectionDetails, BeanFactory beanFactory) {
        return newProducer(customizers.orderedStream().toList(), sslBundles, connectionDetails, beanFactory, null);
    }

    /** @param group the group to join, or null for a producer on its own */
    private QuillProducer<Object, Object> newProducer(List<ProducerCustomizer> customizers,
                                                      ObjectProvider<SslBundles> sslBundles,
                                                      ObjectProvider<QuillConnectionDetails> connectionDetails,
                                                      BeanFactory beanFactory, @Nullable ProducerGroup group) {
        ProducerConfigFactory configFactory = configFactory(sslBundles, connectionDetails, beanFactory);
        ProducerConfig config = configFactory.create(customizers);
        SerializerFactory serializers = serializerFactory(beanFactory);
        try {
            Serializer<Object> key = serializer(serializers, "key", properties.getKeySerializer(), config);
            Serializer<Object> value = serializer(serializers, "value", properties.getValueSerializer(), config);
            return group == null ? QuillProducer.create(config, key, value) : group.newProducer(config, key, value);
        } catch (ConfigException e) {
            // Refused when the producer starts (a codec's library is missing, say): name the property behind it.
            throw configFactory.translate(e);
        }
    }

    /**
     * The I/O thread, connections and buffer pool the transactional producers share: one set for all of them, where
     * a producer on its own would bring one set per concurrent transaction.
     */
    @Bean
    @ConditionalOnMissingBean(name = "quillTransactionalProducerGroup")
    @ConditionalOnProperty("quill.producer.transaction-id-prefix")
    @ConditionalOnBooleanProperty(name = "quill.producer.mock.enabled", havingValue = false, matchIfMissing = true)
    ProducerGroup quillTransactionalProducerGroup(ObjectProvider<ProducerCustomizer> customizers,
                                                  ObjectProvider<SslBundles> sslBundles,
                                                  ObjectProvider<QuillConnectionDetails> connectionDetails,
                                                  BeanFactory beanFactory) {
        ProducerConfigFactory configFactory = configFactory(sslBundles, connectionDetails, beanFactory);
        return ProducerGroup.create(configFactory.create(customizers.orderedStream().toList()),
                properties.getTransactionConnectionsPerBroker());
    }

    /**
     * The transactional producers behind {@code quill.producer.transaction-id-prefix}: made like the producer bean,
     * each with its own {@code transactional.id}, in the shared group (MockProducers with
     * {@code quill.producer.mock.enabled}), and closed with the context, before their group.
     */
    @Bean
    @ConditionalOnMissingBean(TransactionalProducerPool.class)
    @ConditionalOnProperty("quill.producer.transaction-id-prefix")
    TransactionalProducerPool<?, ?> quillTransactionalProducerPool(
            ObjectProvider<ProducerCustomizer> customizers, ObjectProvider<SslBundles> sslBundles,
            ObjectProvider<QuillConnectionDetails> connectionDetails, BeanFactory beanFactory,
            @Qualifier("quillTransactionalProducerGroup") ObjectProvider<ProducerGroup> groups) {
        List<ProducerCustomizer> base = customizers.orderedStream().toList();
        ProducerGroup group = groups.getIfAvailable();
        return new TransactionalProducerPool<Object, Object>(properties.getTransactionIdPrefix(),
                properties.getTransactionPoolSize(),
                transactionalId -> {
                    List<ProducerCustomizer> withId = new ArrayList<>(base);
                    withId.add(builder -> builder.property(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId));
                    return properties.getMock().isEnabled()
                            ? newMockProducer(withId, sslBundles, connectionDetails, beanFactory)
                            : newProducer(withId, sslBundles, connectionDetails, beanFactory, group);
                });
    }

    @Bean
    @ConditionalOnMissingBean(TransactionalSends.class)
    @ConditionalOnProperty("quill.producer.transaction-id-prefix")
    TransactionalSends<?, ?> quillTransactionalSends(TransactionalProducerPool<?, ?> pool) {
        return new TransactionalSends<>(pool, properties.isAllowNonTransactional());
    }

    /**
     * Makes {@code @Transactional} methods send in one Kafka transaction. Named, not primary: next to a database's
     * transaction manager, choose with {@code @Transactional("quillTransactionManager")}, or let the template follow
     * the database transaction on its own.
     */
    @Bean
    @ConditionalOnMissingBean(QuillTransactionManager.class)
    @ConditionalOnProperty("quill.producer.transaction-id-prefix")
    QuillTransactionManager quillTransactionManager(TransactionalProducerPool<?, ?> pool) {
        return new QuillTransactionManager(pool);
    }

    /**
     * For tests: a producer that talks to no broker, made from the same properties (serializers, partitioner, size
     * limits), so that what the application sends can be asserted on and no connection is attempted.
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean(Producer.class)
    @ConditionalOnBooleanProperty("quill.producer.mock.enabled")
    MockProducer<?, ?> quillMockProducer(ObjectProvider<ProducerCustomizer> customizers,
                                         ObjectProvider<SslBundles> sslBundles,
                                         ObjectProvider<QuillConnectionDetails> connectionDetails,
                                         BeanFactory beanFactory) {
        return newMockProducer(customizers.orderedStream().toList(), sslBundles, connectionDetails, beanFactory);
    }

    private MockProducer<Object, Object> newMockProducer(List<ProducerCustomizer> customizers,
                                                         ObjectProvider<SslBundles> sslBundles,
                                                         ObjectProvider<QuillConnectionDetails> connectionDetails,
                                                         BeanFactory beanFactory) {
        ProducerConfigFactory configFactory = configFactory(sslBundles, connectionDetails, beanFactory);
        ProducerConfig config = configFactory.create(customizers);
        SerializerFactory serializers = serializerFactory(beanFactory);
        QuillProducerProperties.Mock mock = properties.getMock();
        try {
            MockProducer.Builder<Object, Object> builder = MockProducer.builder(
                    serializer(serializers, "key", properties.getKeySerializer(), config),
                    serializer(serializers, "value", properties.getValueSerializer(), config))
                    .config(config).autoComplete(mock.isAutoComplete());
            for (Map.Entry<String, Integer> topic : mock.getPartitions().entrySet()) {
                builder.partitions(topic.getKey(), topic.getValue());
            }
            return builder.build();
        } catch (ConfigException e) {
            throw configFactory.translate(e);
        }
    }

    /** Also says in the log where the brokers came from, when the properties do not name them. */
    private ProducerConfigFactory configFactory(ObjectProvider<SslBundles> sslBundles,
                                                ObjectProvider<QuillConnectionDetails> connectionDetails,
                                                BeanFactory beanFactory) {
        QuillConnectionDetails details = connectionDetails.getIfAvailable();
        FallbackBootstrapServers.Choice fallback = null;
        if (details != null) {
            LOG.info("Quill producer connects to " + details.getBootstrapServers() + " from the "
                    + "QuillConnectionDetails bean (such as a @ServiceConnection)");
        } else if (properties.getBootstrapServers() == null) {
            fallback = FallbackBootstrapServers.choose(beanFactory, environment, classLoader(beanFactory));
            LOG.info("Quill producer connects to " + fallback.servers() + " from " + fallback.source()
                    + "; set quill.producer.bootstrap-servers to choose");
        }
        return new ProducerConfigFactory(properties, sslBundles.getIfAvailable(), details, fallback);
    }

    private SerializerFactory serializerFactory(BeanFactory beanFactory) {
        return new SerializerFactory(beanFactory, classLoader(beanFactory));
    }

    /** The context's class loader, not ours: it is the one that sees (or hides) the application's libraries. */
    private ClassLoader classLoader(BeanFactory beanFactory) {
        return beanFactory instanceof ConfigurableBeanFactory configurable
                && configurable.getBeanClassLoader() != null ? configurable.getBeanClassLoader()
                : getClass().getClassLoader();
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
    @ConditionalOnBean(Producer.class)
    QuillProducerLifecycle quillProducerLifecycle(ObjectProvider<Producer<?, ?>> producers) {
        return new QuillProducerLifecycle(producers.orderedStream().toList(), properties.getCloseTimeout());
    }

    /**
     * Declared with wildcards so that {@code ProducerTemplate<String, Order>} (any key and value types) injects;
     * the serializers chosen by the properties decide which types actually work. The listener beans are looked up at
     * the first send, not here, so that a listener may itself depend on the template.
     */
    @Bean
    @ConditionalOnMissingBean(ProducerTemplate.class)
    @ConditionalOnSingleCandidate(Producer.class)
    ProducerTemplate<?, ?> producerTemplate(Producer<?, ?> producer,
                                            ObjectProvider<ProducerListener<?, ?>> listeners,
                                            ObjectProvider<ObservationRegistry> observationRegistry,
                                            ObjectProvider<ProducerObservationConvention> observationConvention,
                                            ObjectProvider<TransactionalSends<?, ?>> transactions) {
        @SuppressWarnings("unchecked")
        ProducerTemplate<Object, Object> template = new ProducerTemplate<>((Producer<Object, Object>) producer)
                .withDefaultTopic(properties.getDefaultTopic())
                .withSendTimeout(properties.getSendTimeout());
        if (properties.isObservationEnabled()) {
            template = template.withObservation(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
            ProducerObservationConvention convention = observationConvention.getIfUnique();
            if (convention != null) {
                template = template.withObservationConvention(convention);
            }
        }
        @SuppressWarnings("unchecked")
        TransactionalSends<Object, Object> sends = (TransactionalSends<Object, Object>) transactions.getIfUnique();
        if (sends != null) {
            template = template.withTransactions(sends);
        }
        return template.withListeners(() -> listenerBeans(listeners));
    }

    @SuppressWarnings("unchecked")
    private static List<ProducerListener<Object, Object>> listenerBeans(ObjectProvider<ProducerListener<?, ?>> listeners) {
        return listeners.orderedStream().map(listener -> (ProducerListener<Object, Object>) listener).toList();
    }
}
