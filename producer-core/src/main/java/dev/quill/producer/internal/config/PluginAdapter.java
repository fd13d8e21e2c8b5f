package dev.quill.producer.internal.config;

/**
 * A Quill plug-in that runs an application's kafka-clients plug-in, so that messages can name the application's
 * class rather than the adapter. An interface of its own, free of kafka-clients types, so that asking whether a
 * plug-in is one loads nothing of kafka-clients.
 */
public interface PluginAdapter {

    /** The application's class this adapter runs. */
    Class<?> adaptedClass();

    /** The class that does the work: the adapted one for an adapter, else the plug-in's own. */
    static String className(Object plugin) {
        return plugin instanceof PluginAdapter adapter ? adapter.adaptedClass().getName() : plugin.getClass().getName();
    }
}
