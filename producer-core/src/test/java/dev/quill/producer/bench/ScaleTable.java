package dev.quill.producer.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * One {@link ScaleBenchmark} scenario's table: a row of medians per client, then one ratio line per other client
 * against kafka-clients ({@code q/k} for quill, {@code qg/k} for quill-group), then the records per run and whether
 * every run verified.
 */
final class ScaleTable {

    private static final int LABEL_WIDTH = 16;
    private static final int CLIENT_WIDTH = 11;

    private ScaleTable() {
    }

    static <T> void print(PrintStream out, String label, List<TableColumn<T>> columns, Map<String, List<T>> runs,
                          Predicate<T> verified, ToLongFunction<T> records) {
        ComparisonTable<T> table = new ComparisonTable<>("scenario", LABEL_WIDTH, CLIENT_WIDTH, columns);
        out.println(table.header("     records   ok"));
        Map<String, double[]> medians = new LinkedHashMap<>();
        for (Map.Entry<String, List<T>> e : runs.entrySet()) {
            List<T> rs = e.getValue();
            double[] values = table.medians(rs);
            medians.put(e.getKey(), values);
            out.println(table.row(label, e.getKey(), values) + String.format(Locale.ROOT, " %,11d %4s",
                    records.applyAsLong(rs.get(0)), rs.stream().allMatch(verified) ? "yes" : "NO"));
        }
        double[] kafka = medians.get("kafka");
        if (kafka != null) {
            medians.forEach((client, values) -> {
                if (!client.equals("kafka")) {
                    out.println(table.ratioRow(ratioName(client), values, kafka));
                }
            });
        }
    }

    private static String ratioName(String client) {
        return switch (client) {
            case "quill" -> "q/k";
            case "quill-group" -> "qg/k";
            default -> client + "/k";
        };
    }
}
