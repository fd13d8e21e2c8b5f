package dev.quill.producer.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every client of a comparison {@code repeats} times, in turns whose order alternates ({@link RunOrder}), after
 * an optional unreported warm-up turn, so that JIT compilation of the code both clients share (the broker, the
 * benchmark's own) does not land on whichever runs first.
 */
final class AlternatedRuns {

    /** One run of one client; {@code warmup} runs are smaller and not reported. */
    @FunctionalInterface
    interface Run<T> {
        T run(String client, boolean warmup) throws Exception;
    }

    private AlternatedRuns() {
    }

    /** The measured runs, per client, in the clients' order. */
    static <T> Map<String, List<T>> collect(List<String> clients, int repeats, boolean warmup, Run<T> run)
            throws Exception {
        if (warmup) {
            for (String client : clients) {
                run.run(client, true);
            }
        }
        Map<String, List<T>> results = new LinkedHashMap<>();
        clients.forEach(c -> results.put(c, new ArrayList<>()));
        for (int turn = 0; turn < repeats; turn++) {
            for (String client : RunOrder.alternated(clients, turn)) {
                results.get(client).add(run.run(client, false));
            }
        }
        return results;
    }
}
