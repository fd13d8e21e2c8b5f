package dev.quill.producer.internal.config;

import dev.quill.producer.ProducerInterceptor;
import dev.quill.producer.Serializer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Wraps a user's kafka-clients plug-in in its adapter. The adapters are the only classes that touch kafka-clients,
 * and they are reached here by name only, so that an application without kafka-clients never loads them: nothing
 * else in Quill may refer to {@code dev.quill.producer.internal.kafka} directly.
 */
public final class KafkaAdapters {

    private static final String ADAPTERS = "dev.quill.producer.internal.kafka.";
    private static final String NEEDS_KAFKA = "running a kafka-clients plug-in needs kafka-clients "
            + "(org.apache.kafka:kafka-clients) on Quill's class path";

    private KafkaAdapters() {
    }

    /** A new instance of {@code kafkaClass} (a kafka-clients {@code Serializer}) as a Quill serializer. */
    public static Serializer<?> serializer(String key, Class<?> kafkaClass) {
        return (Serializer<?>) adapt(key, kafkaClass, Serializer.class, "KafkaSerializerAdapter");
    }

    /** A new instance of {@code kafkaClass} (a kafka-clients {@code ProducerInterceptor}) as a Quill interceptor. */
    public static ProducerInterceptor<?, ?> interceptor(String key, Class<?> kafkaClass) {
        return (ProducerInterceptor<?, ?>) adapt(key, kafkaClass, ProducerInterceptor.class, "KafkaInterceptorAdapter");
    }

    private static Object adapt(String key, Class<?> kafkaClass, Class<?> type, String adapterName) {
        String name = kafkaClass.getName();
        Method wrap;
        try {
            wrap = Class.forName(ADAPTERS + adapterName, true, KafkaAdapters.class.getClassLoader())
                    .getMethod("wrap", Object.class);
        } catch (LinkageError e) {
            throw Plugins.fail(key, name, type, NEEDS_KAFKA + ": " + e, e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Quill's adapter " + adapterName + " is missing", e);
        }
        Object plugin = Plugins.newInstance(key, kafkaClass, type);
        try {
            return wrap.invoke(null, plugin);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LinkageError) {
                throw Plugins.fail(key, name, type, NEEDS_KAFKA + ": " + cause, cause);
            }
            if (cause instanceof ClassCastException) {
                // Seen when the application's class loader has its own copy of kafka-clients.
                throw Plugins.fail(key, name, type, name + " implements a kafka-clients interface from another class "
                        + "loader than the kafka-clients Quill sees; put one kafka-clients where both load it", cause);
            }
            throw Plugins.fail(key, name, type, "could not adapt " + name + ": " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Quill's adapter " + adapterName + " is not accessible", e);
        }
    }
}
