package dev.quill.producer.bench;

/** Logging set up the same way for every benchmark's {@code main}. */
final class BenchLogging {

    private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private BenchLogging() {
    }

    /**
     * Warnings and errors only from what logs through slf4j-simple (the broker, kafka-clients, serializers), which at
     * INFO would bury the results; a level given on the command line wins. Call before anything logs.
     */
    static void librariesAtWarn() {
        System.setProperty(SIMPLE_LOGGER_LEVEL, System.getProperty(SIMPLE_LOGGER_LEVEL, "warn"));
    }
}
