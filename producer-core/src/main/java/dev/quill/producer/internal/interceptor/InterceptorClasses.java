package dev.quill.producer.internal.interceptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.quill.producer.ProducerInterceptor;
import dev.quill.producer.internal.config.KafkaAdapters;
import dev.quill.producer.internal.config.Plugins;

/** Resolves and creates the interceptors {@code interceptor.classes} names: Quill's, or kafka-clients' adapted. */
public final class InterceptorClasses {

    private static final String KAFKA_INTERCEPTOR = "org.apache.kafka.clients.producer.ProducerInterceptor";

    private InterceptorClasses() {
    }

    /** Checks that each class or name can be instantiated as an interceptor, without instantiating it. */
    public static void check(String key, List<?> classesOrNames) {
        for (Object entry : classesOrNames) {
            resolve(key, entry);
        }
    }

    /**
     * New interceptors, in the order given, each configured with {@code configs}. When one cannot be created or
     * configured, every one made so far (the failing one included) is closed before the exception propagates.
     */
    public static List<ProducerInterceptor<?, ?>> instantiate(String key, List<?> classesOrNames,
                                                              Map<String, ?> configs) {
        List<ProducerInterceptor<?, ?>> made = new ArrayList<>(classesOrNames.size());
        try {
            for (Object entry : classesOrNames) {
                Class<?> cls = resolve(key, entry);
                ProducerInterceptor<?, ?> interceptor = ProducerInterceptor.class.isAssignableFrom(cls)
                        ? Plugins.instantiate(key, cls.asSubclass(ProducerInterceptor.class), ProducerInterceptor.class)
                        : KafkaAdapters.interceptor(key, cls);
                made.add(interceptor);
                interceptor.configure(configs);
            }
        } catch (RuntimeException | Error e) {
            made.forEach(Interceptors::closeQuietly);
            throw e;
        }
        return made;
    }

    private static Class<?> resolve(String key, Object classOrName) {
        return Plugins.resolveAdaptable(key, classOrName, ProducerInterceptor.class, KAFKA_INTERCEPTOR, Map.of(),
                Map.of());
    }
}
