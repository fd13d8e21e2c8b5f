package dev.quill.producer.internal.config;

import dev.quill.producer.errors.ConfigException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the classes named by {@code key.serializer}, {@code value.serializer}, {@code partitioner.class} and
 * {@code interceptor.classes}. Kafka's own class names map to Quill's equivalents without loading kafka-clients (it
 * is usually not on the class path at all); any other name must be a class implementing Quill's interface or, where
 * Quill adapts them ({@link #resolveAdaptable}), kafka-clients' counterpart. Interfaces are compared by name so that
 * resolving never loads kafka-clients itself.
 */
public final class Plugins {

    private Plugins() {
    }

    /**
     * @param key the configuration key, for the message; null when called outside a configuration
     * @param classOrName a {@link Class} or a class name
     * @param type the Quill interface required
     * @param kafkaInterface the name of kafka-clients' counterpart of {@code type}, to explain why a Kafka
     *        implementation is refused
     * @param aliases Kafka class names mapped to Quill classes
     * @param refused Kafka class names Quill has no equivalent for, mapped to the reason
     */
    public static <T> Class<? extends T> resolve(String key, Object classOrName, Class<T> type, String kafkaInterface,
                                                 Map<String, Class<? extends T>> aliases, Map<String, String> refused) {
        return resolve(key, classOrName, type, kafkaInterface, aliases, refused, false).asSubclass(type);
    }

    /**
     * As {@link #resolve(String, Object, Class, String, Map, Map)}, but a class implementing {@code kafkaInterface}
     * (and not {@code type}) is accepted too, for {@link KafkaAdapters} to wrap: the result implements one of the two.
     */
    public static <T> Class<?> resolveAdaptable(String key, Object classOrName, Class<T> type, String kafkaInterface,
                                                Map<String, Class<? extends T>> aliases, Map<String, String> refused) {
        return resolve(key, classOrName, type, kafkaInterface, aliases, refused, true);
    }

    private static <T> Class<?> resolve(String key, Object classOrName, Class<T> type, String kafkaInterface,
                                        Map<String, Class<? extends T>> aliases, Map<String, String> refused,
                                        boolean adaptsKafka) {
        String name = classOrName instanceof Class<?> c ? c.getName() : String.valueOf(classOrName).trim();
        Class<? extends T> alias = aliases.get(name);
        if (alias != null) {
            return alias;
        }
        String refusal = refused.get(name);
        if (refusal != null) {
            throw fail(key, name, type, refusal);
        }
        Class<?> cls;
        if (classOrName instanceof Class<?> c) {
            cls = c;
        } else {
            cls = load(key, name, type);
        }
        if (!type.isAssignableFrom(cls)) {
            boolean kafkaPlugin = implementsByName(cls, kafkaInterface);
            if (kafkaPlugin && !adaptsKafka) {
                throw fail(key, name, type, name + " implements kafka-clients' " + kafkaInterface
                        + "; Quill does not run kafka-clients plugins: implement " + type.getName() + " instead");
            }
            if (!kafkaPlugin) {
                throw fail(key, name, type, name + " does not implement " + type.getName()
                        + (adaptsKafka ? " nor kafka-clients' " + kafkaInterface : ""));
            }
        }
        if (cls.isInterface() || Modifier.isAbstract(cls.getModifiers())) {
            throw fail(key, name, type, name + " is abstract and cannot be instantiated");
        }
        if (!Modifier.isPublic(cls.getModifiers())) {
            throw fail(key, name, type, name + " is not public");
        }
        try {
            cls.getConstructor();
        } catch (NoSuchMethodException e) {
            throw fail(key, name, type, name + " has no public no-argument constructor");
        }
        return cls;
    }

    public static <T> T instantiate(String key, Class<? extends T> cls, Class<T> type) {
        return type.cast(newInstance(key, cls, type));
    }

    /** A new instance of a class {@link #resolve} accepted; {@code type} names what it is for in messages. */
    static Object newInstance(String key, Class<?> cls, Class<?> type) {
        try {
            return cls.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw fail(key, cls.getName(), type, "the constructor of " + cls.getName() + " threw "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw fail(key, cls.getName(), type, "could not instantiate " + cls.getName() + ": " + e, e);
        }
    }

    private static Class<?> load(String key, String name, Class<?> type) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        LinkageError broken = null;
        for (ClassLoader loader : new ClassLoader[] {context, Plugins.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                // try the next loader
            } catch (LinkageError e) {
                broken = e;
            }
        }
        if (broken == null) {
            throw fail(key, name, type, "Class " + name + " could not be found");
        }
        // The usual case: a kafka-clients plug-in in an application that does not have kafka-clients.
        String missing = String.valueOf(broken.getMessage());
        if (broken instanceof NoClassDefFoundError && missing.startsWith("org/apache/kafka/")) {
            throw fail(key, name, type, "Class " + name + " could not be loaded: it needs kafka-clients "
                    + "(org.apache.kafka:kafka-clients) on the class path, which does not have " + missing.replace('/', '.'),
                    broken);
        }
        throw fail(key, name, type, "Class " + name + " could not be loaded: " + broken, broken);
    }

    private static boolean implementsByName(Class<?> cls, String interfaceName) {
        Deque<Class<?>> todo = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        todo.add(cls);
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!seen.add(c)) {
                continue;
            }
            if (c.getName().equals(interfaceName)) {
                return true;
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(List.of(c.getInterfaces()));
        }
        return false;
    }

    static ConfigException fail(String key, String name, Class<?> type, String reason) {
        return fail(key, name, type, reason, null);
    }

    static ConfigException fail(String key, String name, Class<?> type, String reason, Throwable cause) {
        String message = key != null ? ValueParser.invalid(key, name, reason)
                : "Cannot use class " + name + " as a " + type.getName() + ": " + reason;
        return new ConfigException(message, cause);
    }
}
