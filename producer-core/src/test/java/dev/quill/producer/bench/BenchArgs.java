package dev.quill.producer.bench;

import java.util.function.BiConsumer;

/**
 * The benchmarks' command line: {@code --name=value} options, a bare {@code --name} meaning true, given as separate
 * arguments or as one string (exec.args may arrive either way).
 */
final class BenchArgs {

    private BenchArgs() {
    }

    /** Hands every option to {@code option} in order; it throws for a name it does not know. */
    static void parse(String[] args, BiConsumer<String, String> option) {
        for (String arg : args) {
            for (String part : arg.trim().split("\\s+")) {
                if (part.isEmpty()) {
                    continue;
                }
                if (!part.startsWith("--")) {
                    throw new IllegalArgumentException("options look like --name=value; got " + part);
                }
                int eq = part.indexOf('=');
                String name = eq < 0 ? part.substring(2) : part.substring(2, eq);
                String value = eq < 0 ? "true" : part.substring(eq + 1);
                option.accept(name, value);
            }
        }
    }
}
