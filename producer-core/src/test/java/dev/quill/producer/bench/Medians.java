package dev.quill.producer.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Medians of repeated runs, taken one measure at a time (so one column's median may come from another run). */
final class Medians {

    private Medians() {
    }

    static <T> double of(List<T> runs, ToDoubleFunction<T> measure) {
        double[] v = runs.stream().mapToDouble(measure).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
