package dev.quill.producer.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes a JFR recording of the benchmark per producer thread: where CPU samples land (self and
 * inclusive) and which sites allocate. `jfr print` gives raw events only; this is the aggregation one
 * would otherwise do by hand, restricted to the threads of interest (the broker runs in the same JVM and
 * would otherwise dominate every list).
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=bench.jfr,settings=profile -cp ... ProducerBenchmark --clients=quill ...
 * java -cp ... dev.quill.producer.bench.JfrHotSpots bench.jfr "quill-producer-io-" "main" [top]
 * </pre>
 * Each thread argument is a name prefix; each gets its own section.
 */
public final class JfrHotSpots {

    private JfrHotSpots() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: JfrHotSpots recording.jfr threadNamePrefix... [--top=N]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int top = 20;
        List<String> prefixes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--top=")) {
                top = Integer.parseInt(args[i].substring(6));
            } else {
                prefixes.add(args[i]);
            }
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        for (String prefix : prefixes) {
            summarize(events, prefix, top);
        }
    }

    private static void summarize(List<RecordedEvent> events, String prefix, int top) {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> allocByClass = new HashMap<>();
        Map<String, Long> allocBySite = new HashMap<>();
        long samples = 0;
        long allocWeight = 0;
        for (RecordedEvent e : events) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                if (!matches(e.getThread("sampledThread"), prefix) || e.getStackTrace() == null) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = e.getStackTrace().getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                self.merge(name(frames.get(0).getMethod()), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String n = name(f.getMethod());
                    if (seen.add(n)) {
                        inclusive.merge(n, 1L, Long::sum);
                    }
                }
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                if (!matches(e.getThread("eventThread"), prefix)) {
                    continue;
                }
                long weight = e.getLong("weight");
                allocWeight += weight;
                String cls = e.getClass("objectClass").getName();
                allocByClass.merge(cls, weight, Long::sum);
                allocBySite.merge(cls + "  <-  " + site(e.getStackTrace()), weight, Long::sum);
            }
        }
        System.out.printf(Locale.ROOT, "%n=== threads '%s*': %d CPU samples, %.1f MB sampled allocation ===%n",
                prefix, samples, allocWeight / 1e6);
        print("CPU, self (top frame)", self, samples, top, "samples");
        print("CPU, inclusive (method anywhere on the stack)", inclusive, samples, top, "samples");
        print("Allocation by class (sampled weight)", allocByClass, allocWeight, top, "bytes");
        print("Allocation by site (class <- allocating frames)", allocBySite, allocWeight, top, "bytes");
    }

    private static boolean matches(RecordedThread thread, String prefix) {
        if (thread == null) {
            return false;
        }
        String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        return name != null && name.startsWith(prefix);
    }

    private static String name(RecordedMethod m) {
        String cls = m.getType().getName();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + m.getName();
    }

    /** The first three frames: the allocating method and its callers, enough to tell sites apart. */
    private static String site(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "?";
        }
        StringBuilder sb = new StringBuilder();
        List<RecordedFrame> frames = stack.getFrames();
        for (int i = 0; i < Math.min(3, frames.size()); i++) {
            if (i > 0) {
                sb.append(" < ");
            }
            sb.append(name(frames.get(i).getMethod())).append(':').append(frames.get(i).getLineNumber());
        }
        return sb.toString();
    }

    private static void print(String title, Map<String, Long> counts, long total, int top, String unit) {
        System.out.println("-- " + title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f%%  %,14d %s  %s%n",
                        100.0 * e.getValue() / Math.max(1, total), e.getValue(), unit, e.getKey()));
    }
}
